"""Tests that drive the real dashboard in Debian's Chromium through Playwright."""
