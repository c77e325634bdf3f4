"""Microsoft Graph v1.0 look-alike: users, groups, applications, service principals, owners
and members, served by the same HTTPS server as ARM under its own token audience."""
