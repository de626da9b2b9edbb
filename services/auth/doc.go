// Package auth is Directus 12's authentication and permission resolution in Go (spec 13): tokens
// (static and HS256 JWT) into an accountability, login / refresh / logout with directus_sessions
// rows, argon2 password checks, and the policies a caller's permissions come from.
//
// Nothing is cached: Directus invalidates its caches from its own services, which a process beside
// it cannot see, so every request reads the roles tree and access rows afresh (spec 13 §10).
package auth
