/**
 * The adapter SPI: how the gateway asks one party's backend for data on subjects, and the
 * technology-specific adapters in sub-packages (REST/JSON, SOAP, peer gateways), with
 * {@link nl.wams.adapters.PartyHttp}: the one bounded HTTP exchange the REST and peer adapters
 * share. This module never depends on the gateway application.
 */
package nl.wams.adapters;
