/** Sealing personal data that the gateway keeps for a while (AES-256-GCM bound to its row). Depends on nothing else. */
package nl.wams.gateway.sealing;
