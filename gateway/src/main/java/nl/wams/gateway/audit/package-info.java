/**
 * The audit log: one record per event, pseudonymised subjects, a hash chain per node with signed
 * checkpoints, group-committed before anything moves (fail closed), verification, exports and the
 * subject access report. Plain Java on JDBC, so the CLI uses it without starting the gateway.
 */
package nl.wams.gateway.audit;
