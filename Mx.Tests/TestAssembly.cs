// The tests drive Unix tools (setpriv, fake executables with mode bits), so they run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
