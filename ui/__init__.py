"""Small helpers shared by the dashboard pages: database access, formatting, upload flow."""
