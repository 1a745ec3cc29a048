namespace Chimera.Insight.Inventory;

/// <summary>The sentences the inventory says about paths: one place, so that they read alike.</summary>
internal static class InventoryMessages
{
    public static string NotFound(string path) =>
        $"Cannot find path '{path}' because it does not exist.";

    public static string AccessDenied(string path, string reason) =>
        $"Cannot read '{path}': access is denied ({reason}).";

    public static string DanglingLink(string path) =>
        $"Cannot read '{path}': it is a link whose target does not exist.";

    public static string Vanished(string path) =>
        $"Cannot read '{path}': it disappeared while the inventory was being taken.";

    public static string NotARegularFile(string path, string type) =>
        $"Passed over '{path}': it is a {type}, not a regular file, and was not opened.";

    public static string LinkLoop(string path, string target) =>
        $"Did not follow '{path}': it links to '{target}', a folder above it, which would loop.";

    public static string ReadFailed(string path, string reason) =>
        $"Cannot read '{path}': {reason}";

    public static string LinkNotFollowed(string path) =>
        $"Did not enter '{path}': it is a link to a folder, and folder links are followed only when asked to.";

    public static string HiddenNotEntered(string path) =>
        $"Did not enter '{path}': it is a hidden folder, and hidden items are looked at only when asked to.";

    public static string AlreadyListed(string path) =>
        $"'{path}' was already listed in this inventory.";

    public static string TypeName(FileNodeType type) => type switch
    {
        FileNodeType.Fifo => "named pipe (FIFO)",
        FileNodeType.CharacterDevice => "character device",
        FileNodeType.BlockDevice => "block device",
        FileNodeType.Socket => "socket",
        _ => "special file",
    };
}
