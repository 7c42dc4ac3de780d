"""Who may see what: client share links, the admin password, and hiding costs from a view."""
