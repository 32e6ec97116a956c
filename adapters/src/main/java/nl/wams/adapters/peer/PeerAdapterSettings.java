package nl.wams.adapters.peer;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import nl.wams.adapters.FieldMapping;

/**
 * Settings of one peer party: its gateway's endpoint, mutual TLS, who we are and who must sign.
 *
 * @param url the party gateway's {@code /peer/v1/verzoeken}
 * @param timeout connect plus answer time of one HTTP exchange
 * @param answerWaited how long the requester waits for the answer (the party's timeout): signed into
 *     the request as {@code wachttijdMs}, so the provider never sends data after the requester
 *     stopped waiting
 * @param sslContext our TLS key (client certificate) and the federation's trust anchors
 * @param messages signs and verifies peer messages
 * @param signer our signing key
 * @param partyOin the OIN that must have signed the answer
 * @param maxAnswerBytes larger answers are invalid
 * @param fields the canonical fields (with catalogue types) of the categories the party offers
 */
public record PeerAdapterSettings(
        URI url,
        Duration timeout,
        Duration answerWaited,
        SSLContext sslContext,
        PeerMessages messages,
        PeerSigner signer,
        String partyOin,
        long maxAnswerBytes,
        List<FieldMapping> fields) {}
