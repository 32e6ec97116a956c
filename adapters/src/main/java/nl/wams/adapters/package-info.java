/**
 * The adapter SPI: how the gateway asks one party's backend for data on subjects, and the
 * technology-specific adapters (REST/JSON now; SOAP and peer gateways later). This module never
 * depends on the gateway application.
 */
package nl.wams.adapters;
