"""Tests of the installation as a whole: settings, security headers and limits across the apps,
the navigation the apps declare, the read replica, backups of a seeded site. This package sits
outside the apps' layers, so it may use every app; the apps' own tests stay in their layer."""
