/**
 * Data minimisation, default deny: per (purpose, category) a profile lists the canonical fields
 * that may pass and how each is coarsened. Everything else is removed and reported by name. The
 * filter is plain Java so the provider side can run the same unit at the source.
 */
package nl.wams.gateway.minimisation;
