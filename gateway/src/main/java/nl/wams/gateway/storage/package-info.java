/**
 * How the gateway stores what it must keep: the one text form of stored times, sealing of personal
 * data it keeps for a while, and periodic clean-up. Depends on nothing else in the gateway, so every
 * feature package can use it without cycles.
 */
package nl.wams.gateway.storage;
