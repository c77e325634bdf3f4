"""A local lab of real Linux hosts (network namespaces + Debian root file systems + sshd)."""
