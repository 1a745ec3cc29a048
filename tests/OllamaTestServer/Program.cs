// Placeholder entry point; the protocol server is built in tests/OllamaTestServer.
Console.WriteLine("OllamaTestServer");
