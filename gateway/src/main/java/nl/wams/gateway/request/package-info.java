/** The data request (gegevensverzoek) and its results: immutable records shared by api, policy and routing. */
package nl.wams.gateway.request;
