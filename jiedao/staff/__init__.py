"""Staff and roles (人员与权限): people, their roles with scopes, passwords, deactivation, import."""
