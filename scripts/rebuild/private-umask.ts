// Preloaded into every build (node --import): what a build writes is readable by its owner only,
// whatever the umask of the service that started it.
process.umask(0o077);
