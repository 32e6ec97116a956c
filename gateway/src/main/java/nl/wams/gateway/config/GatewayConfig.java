package nl.wams.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.wams.gateway.minimisation.CoarseTable;

/**
 * One gateway's configuration file, as bound after schema validation. Field documentation lives
 * in {@code config/schema/gateway-config.schema.json}; the defaults are applied here.
 */
public record GatewayConfig(
        Identity identity,
        Api api,
        Authentication authentication,
        String catalogue,
        CollectionRules collectionRules,
        List<Purpose> purposes,
        Map<String, CoarseTable> coarseTables,
        Map<String, Map<String, Map<String, JsonNode>>> minimisation,
        List<Party> parties,
        Audit audit,
        Federation federation,
        Provider provider,
        ReviewPolling reviewPolling,
        Web web,
        Management management,
        Coordination coordination,
        Map<String, Map<String, Map<String, Map<String, JsonNode>>>> outbound,
        Meldpunt meldpunt) {

    public GatewayConfig {
        coordination = coordination == null ? new Coordination(null, null, null, null) : coordination;
        outbound = outbound == null ? Map.of() : Map.copyOf(outbound);
        api = api == null ? Api.defaults() : api;
        reviewPolling = reviewPolling == null ? new ReviewPolling(null, null, null, null, null) : reviewPolling;
        collectionRules = collectionRules == null ? CollectionRules.defaults() : collectionRules;
        coarseTables = coarseTables == null ? Map.of() : Map.copyOf(coarseTables);
        minimisation = minimisation == null ? Map.of() : Map.copyOf(minimisation);
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
        parties = parties == null ? List.of() : List.copyOf(parties);
    }

    public Optional<Purpose> purpose(String id) {
        return purposes.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<Party> party(String id) {
        return parties.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The party's display name, or its id when it is not (or no longer) configured. */
    public String partyName(String id) {
        return party(id).map(Party::name).orElse(id);
    }

    /** The most parties one request may name for this purpose. */
    public int maxParties(Purpose purpose) {
        return bulkLimits(purpose).maxParties();
    }

    /** The stepwise-collection limits for a purpose: its own, else its phase's, else the general ones. */
    public BulkLimits bulkLimits(Purpose purpose) {
        PhaseLimits phase = collectionRules.phases().getOrDefault(purpose.phase(), PhaseLimits.NONE);
        return new BulkLimits(
                purpose.maxParties() != null
                        ? purpose.maxParties()
                        : phase.maxParties() != null ? phase.maxParties() : collectionRules.maxParties(),
                phase.everyPartyRefusedFrom() != null
                        ? phase.everyPartyRefusedFrom()
                        : collectionRules.everyPartyRefusedFrom(),
                phase.everyCategoryRefusedFrom() != null
                        ? phase.everyCategoryRefusedFrom()
                        : collectionRules.everyCategoryRefusedFrom());
    }

    /**
     * What counts as a bulk request for one purpose.
     *
     * @param maxParties the most parties one request may name
     * @param everyPartyRefusedFrom naming every configured party at once is refused when there are at least this many
     * @param everyCategoryRefusedFrom asking every category of a party is refused when it offers at least this many
     */
    public record BulkLimits(int maxParties, int everyPartyRefusedFrom, int everyCategoryRefusedFrom) {}

    /**
     * Stepwise collection (docs/domain.md: never routinely ask every party everything). The law's
     * intent is that nobody asks everyone everything by routine; a small configuration (two
     * parties, a party with two categories) must still be usable, so "every party" and "every
     * category" are bulk only from a configurable size on.
     *
     * @param explorationCategories the only categories a {@code verkenning} purpose may ask
     * @param maxParties the most parties one request may name, unless a phase or purpose says otherwise
     * @param everyPartyRefusedFrom from how many configured parties naming all of them is refused (default 4)
     * @param everyCategoryRefusedFrom from how many offered categories asking all of a party's is refused (default 4)
     * @param phases limits per phase, overriding the general ones
     */
    public record CollectionRules(
            List<String> explorationCategories,
            Integer maxParties,
            Integer everyPartyRefusedFrom,
            Integer everyCategoryRefusedFrom,
            Map<String, PhaseLimits> phases) {
        public static final List<String> DEFAULT_EXPLORATION =
                List.of("bekend-bij", "lopende-voorzieningen", "contactprofessional");

        public CollectionRules {
            explorationCategories =
                    explorationCategories == null ? DEFAULT_EXPLORATION : List.copyOf(explorationCategories);
            maxParties = maxParties == null ? 3 : maxParties;
            everyPartyRefusedFrom = everyPartyRefusedFrom == null ? 4 : everyPartyRefusedFrom;
            everyCategoryRefusedFrom = everyCategoryRefusedFrom == null ? 4 : everyCategoryRefusedFrom;
            phases = phases == null ? Map.of() : Map.copyOf(phases);
        }

        static CollectionRules defaults() {
            return new CollectionRules(null, null, null, null, null);
        }
    }

    /** Limits of one phase; what is not set falls back to the general collection rules. */
    public record PhaseLimits(Integer maxParties, Integer everyPartyRefusedFrom, Integer everyCategoryRefusedFrom) {
        static final PhaseLimits NONE = new PhaseLimits(null, null, null);
    }

    public boolean provides() {
        return identity.roles().contains("provider");
    }

    /** True when some party or desk is reached through a peer gateway (mutual TLS, signed messages). */
    public boolean usesPeers() {
        return parties.stream().anyMatch(p -> p.adapter().type().holdsAnswers())
                || (meldpunt != null
                        && meldpunt.desks().stream().anyMatch(d -> d.adapter().type() == AdapterType.PEER));
    }

    /**
     * The organisation's key material for the federation (docs/federation.md).
     *
     * @param tls PKCS#12 with the TLS key and chain, for the peer listener and outbound peer calls
     * @param signing PKCS#12 with the signing key and chain, for signed requests and answers
     * @param trustStore PKCS#12 with the trust anchors (demo root, or PKIoverheid roots)
     * @param listener where the peer listener binds; null: loopback 8443 for a provider, no listener for a
     *     requester (a requester names one to receive contributions to its case meetings)
     */
    public record Federation(
            KeyStoreRef tls, KeyStoreRef signing, KeyStoreRef trustStore, Listener listener, Revocation revocation) {
        public Federation {
            revocation = revocation == null ? Revocation.defaults() : revocation;
        }

        /** Where the peer listener binds: as configured, else loopback port 8443 (a provider always listens). */
        public Listener listenerOrDefault() {
            return listener == null ? new Listener(null, null) : listener;
        }
    }

    /** A PKCS#12 file and its password (or the environment variable that holds it). */
    public record KeyStoreRef(String path, String password, String passwordEnv) {
        public char[] secret() {
            String value = passwordEnv != null ? System.getenv(passwordEnv) : password;
            return value == null ? new char[0] : value.toCharArray();
        }

        @Override
        public String toString() {
            return "KeyStoreRef[path=" + path + "]";
        }
    }

    /** A listener address. */
    public record Listener(String host, Integer port) {
        public Listener {
            host = host == null ? "127.0.0.1" : host;
            port = port == null ? 8443 : port;
        }
    }

    /**
     * Provider role: who may ask, for what, and how each category is released.
     *
     * @param serves requesting organisations and the purposes they may ask for
     * @param releasePolicy per category: AUTOMATISCH, BEOORDELING or NOOIT
     * @param backend the provider's own backend system (an adapter, like a party's)
     * @param timeout longest wait for the backend
     */
    public record Provider(
            List<Served> serves,
            Map<String, Release> releasePolicy,
            Adapter backend,
            Duration timeout,
            Duration reviewTerm,
            Duration expiryCheck) {
        public Provider {
            // 10 working days is two calendar weeks; the term is calendar time.
            reviewTerm = reviewTerm == null ? Duration.ofDays(14) : reviewTerm;
            expiryCheck = expiryCheck == null ? Duration.ofMinutes(1) : expiryCheck;
            serves = serves == null ? List.of() : List.copyOf(serves);
            releasePolicy = releasePolicy == null ? Map.of() : Map.copyOf(releasePolicy);
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        }

        public Optional<Served> served(String requesterOin) {
            return serves.stream()
                    .filter(s -> s.requesterOin().equals(requesterOin))
                    .findFirst();
        }
    }

    /** How a provider releases a category (the schema allows these names only). */
    public enum Release {
        /** From the backend, minimised at the source, without a person deciding. */
        AUTOMATISCH,
        /** Held until a professional decides. */
        BEOORDELING,
        /** Never released: named as removed. */
        NOOIT
    }

    /**
     * One requesting organisation the provider serves, and for which purposes.
     *
     * @param url the requester's peer protocol base ({@code https://host:port/peer/v1/}), where a
     *     contribution to its case meetings goes; null when it holds none
     */
    public record Served(String requesterOin, List<String> purposes, String url) {
        public Served {
            purposes = purposes == null ? List.of() : List.copyOf(purposes);
        }
    }

    /**
     * The audit log (docs/audit.md).
     *
     * @param dataDir folder of the embedded H2 database, relative to the configuration file
     * @param database PostgreSQL instead of the embedded H2 (production)
     * @param nodeId this node's hash chain; replicas sharing a database need distinct ids
     * @param pseudonymKeyFile file with the HMAC key (base64, at least 32 bytes) for subject pseudonyms
     * @param pseudonymKeyEnv environment variable with that key instead of a file
     * @param signingKeyFile private EC P-256 JWK that signs checkpoints
     * @param checkpoint how often a signed checkpoint is written
     * @param dataKeyFile file with the AES-256 key (base64) that seals personal data kept for a while
     * @param dataKeyEnv environment variable with that key instead of a file
     */
    public record Audit(
            String dataDir,
            Database database,
            String nodeId,
            String pseudonymKeyFile,
            String pseudonymKeyEnv,
            String signingKeyFile,
            Checkpoint checkpoint,
            String dataKeyFile,
            String dataKeyEnv,
            Duration databaseWait,
            Boolean localServer,
            Timestamping timestamping,
            List<String> previousDataKeyFiles,
            List<String> previousSigningKeyFiles) {
        public Audit {
            previousDataKeyFiles = previousDataKeyFiles == null ? List.of() : List.copyOf(previousDataKeyFiles);
            previousSigningKeyFiles =
                    previousSigningKeyFiles == null ? List.of() : List.copyOf(previousSigningKeyFiles);
            localServer = Boolean.TRUE.equals(localServer);
            dataDir = dataDir == null ? "data" : dataDir;
            databaseWait = databaseWait == null ? Duration.ofSeconds(60) : databaseWait;
            checkpoint = checkpoint == null ? new Checkpoint(null, null) : checkpoint;
        }
    }

    /** A PostgreSQL database: JDBC URL, user, and the password itself or the variable that holds it. */
    public record Database(String url, String user, String password, String passwordEnv) {
        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + "]";
        }
    }

    /**
     * RFC 3161 timestamps for the signed checkpoints (docs/audit.md, "Trusted time").
     *
     * @param url the time-stamping authority's endpoint (RFC 3161 over HTTP)
     * @param certificate the TSA's certificate (PEM or DER), relative to the configuration file
     * @param every how often checkpoints waiting for a token are stamped (default 30s)
     * @param timeout the longest one request to the TSA may take (default 10s)
     */
    public record Timestamping(String url, String certificate, Duration every, Duration timeout) {
        public Timestamping {
            every = every == null ? Duration.ofSeconds(30) : every;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }

    /** A checkpoint after this many records or this much time, whichever comes first. */
    public record Checkpoint(Integer everyRecords, Duration every) {
        public Checkpoint {
            everyRecords = everyRecords == null ? 1000 : everyRecords;
            every = every == null ? Duration.ofSeconds(60) : every;
        }
    }

    /**
     * Requester role: how held answers are fetched from a party's status resource.
     *
     * @param first wait before the first poll, doubling after each, up to {@code maxInterval}
     * @param maxInterval the longest wait between two polls
     * @param every how often due polls are looked for
     * @param maxFailures polls in a row that learn nothing (no connection, 5xx, an unexpected
     *     status) after which the exchange ends as {@code NIET_BEANTWOORD}
     * @param maxWait the longest a held answer is waited for, counted from the request; then the
     *     exchange ends as {@code NIET_BEANTWOORD} (longer than the parties' review terms)
     */
    public record ReviewPolling(
            Duration first, Duration maxInterval, Duration every, Integer maxFailures, Duration maxWait) {
        /** A held answer is never waited for longer than this: results are kept at most so long. */
        public static final Duration LONGEST_WAIT = Duration.ofDays(50);

        public ReviewPolling {
            first = first == null ? Duration.ofSeconds(5) : first;
            maxInterval = maxInterval == null ? Duration.ofMinutes(10) : maxInterval;
            every = every == null ? Duration.ofSeconds(1) : every;
            maxFailures = maxFailures == null ? 20 : maxFailures;
            maxWait = maxWait == null ? Duration.ofDays(30) : maxWait;
        }
    }

    /**
     * The coordinated approach (docs/coordination.md).
     *
     * @param caseRetention a closed case's personal data is deleted this long after closing
     * @param receivedTerm received data not adopted is deleted this long after it arrived
     * @param housekeeping how often the deletion job runs
     * @param letterTemplate the client letter's HTML template, relative to the configuration file; null: the shipped one
     */
    public record Coordination(
            Duration caseRetention, Duration receivedTerm, Duration housekeeping, String letterTemplate) {
        public Coordination {
            caseRetention = caseRetention == null ? Duration.ofDays(730) : caseRetention;
            receivedTerm = receivedTerm == null ? Duration.ofDays(14) : receivedTerm;
            housekeeping = housekeeping == null ? Duration.ofHours(1) : housekeeping;
        }
    }

    /**
     * The reporting point for non-acute care (docs/meldpunt.md): intake of signals from citizens
     * and professionals, their assessment, and routing to desks.
     *
     * @param name the reporting point's name on the public form; default "Meldpunt " + the organisation
     * @param legalBasis the legal basis of the processing (intake, assessment, routing)
     * @param required what the public form and the APIs require besides the concern itself
     * @param firstContact how soon after intake the reporting point contacts the reporter or acts (default 3d)
     * @param maxOpen the most signals waiting for assessment; beyond it intake answers 429 (default 1000)
     * @param rateLimit how many public submissions and status lookups one address may make
     * @param notRoutedTerm a signal closed without routing is deleted this long after closing (default 28d)
     * @param routedTerm a routed signal is deleted this long after routing (default 365d)
     * @param housekeeping how often deletion runs and held routings are asked for their status (default 15m)
     * @param desks the desks (loketten) signals can be routed to, each with its field profile
     */
    public record Meldpunt(
            String name,
            LegalBasis legalBasis,
            List<SignalField> required,
            Duration firstContact,
            Integer maxOpen,
            RateLimit rateLimit,
            Duration notRoutedTerm,
            Duration routedTerm,
            Duration housekeeping,
            List<Desk> desks) {
        /** The purpose of intake and assessment, as the audit log names it. */
        public static final String PURPOSE = "meldpunt";
        /** The purpose of routing a signal to a desk. */
        public static final String ROUTING_PURPOSE = "meldpunt-doorgeleiding";
        /** The phase every record of the reporting point names. */
        public static final String PHASE = "meldpunt";

        public Meldpunt {
            required = required == null ? List.of() : List.copyOf(required);
            firstContact = firstContact == null ? Duration.ofDays(3) : firstContact;
            maxOpen = maxOpen == null ? 1000 : maxOpen;
            rateLimit = rateLimit == null ? new RateLimit(null, null) : rateLimit;
            notRoutedTerm = notRoutedTerm == null ? Duration.ofDays(28) : notRoutedTerm;
            routedTerm = routedTerm == null ? Duration.ofDays(365) : routedTerm;
            housekeeping = housekeeping == null ? Duration.ofMinutes(15) : housekeeping;
            desks = desks == null ? List.of() : List.copyOf(desks);
        }

        public Optional<Desk> desk(String id) {
            return desks.stream().filter(d -> d.id().equals(id)).findFirst();
        }

        /** The name on the public form. */
        public String displayName(Identity identity) {
            return name != null ? name : "Meldpunt " + identity.name();
        }
    }

    /** What a reporting point may require of a signal besides the concern: about whom and how to reach the reporter. */
    public enum SignalField {
        @JsonProperty("naam")
        NAAM,
        @JsonProperty("adres")
        ADRES,
        @JsonProperty("bsn")
        BSN,
        @JsonProperty("sinds")
        SINDS,
        @JsonProperty("contact")
        CONTACT
    }

    /** At most {@code requests} per client address within {@code per} (default 10 per 10 minutes). */
    public record RateLimit(Integer requests, Duration per) {
        public RateLimit {
            requests = requests == null ? 10 : requests;
            per = per == null ? Duration.ofMinutes(10) : per;
        }
    }

    /**
     * A desk (loket) the reporting point routes signals to, reached like a party through an
     * adapter (rest, soap, peer), with its field profile: which fields of a signal it receives,
     * and how (the minimisation transforms), default deny.
     */
    public record Desk(
            String id, String name, String oin, Duration timeout, Adapter adapter, Map<String, JsonNode> fields) {
        public Desk {
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
            fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /**
     * Revocation of peers' TLS client and signing certificates (docs/federation.md): checked through
     * the CRL distribution points and OCSP responders the certificates name.
     *
     * @param check whether to check (default true; a certificate that names neither cannot be checked)
     * @param onUnreachable what to do when no CRL or OCSP answer can be had (default refuse)
     * @param recheck how long a checked chain is trusted before it is checked again (default 5m)
     */
    public record Revocation(Boolean check, OnUnreachable onUnreachable, Duration recheck) {
        public Revocation {
            check = check == null || check;
            onUnreachable = onUnreachable == null ? OnUnreachable.REFUSE : onUnreachable;
            recheck = recheck == null ? Duration.ofMinutes(5) : recheck;
        }

        static Revocation defaults() {
            return new Revocation(null, null, null);
        }
    }

    /** When a certificate's revocation status cannot be learned. */
    public enum OnUnreachable {
        @JsonProperty("refuse")
        REFUSE,
        @JsonProperty("accept")
        ACCEPT
    }

    /** The peer protocol base of a party reached through its own gateway ({@code .../peer/v1/}), if it is. */
    public Optional<URI> peerBase(Party party) {
        return peerBase(party.adapter());
    }

    /**
     * The peer protocol base ({@code .../peer/v1/}) of an adapter that reaches another gateway: its
     * URL names the gateway's {@code .../peer/v1/verzoeken}.
     */
    public static Optional<URI> peerBase(Adapter adapter) {
        if (adapter == null || adapter.type() != AdapterType.PEER) {
            return Optional.empty();
        }
        return Optional.of(URI.create(adapter.url()).resolve("./"));
    }

    /**
     * True when this gateway has a peer listener: a provider (at {@code federation.listener}, or its
     * default), or a requester whose configuration names a listener (to receive contributions to its
     * case meetings).
     */
    public boolean listens() {
        return provides() || (federation != null && federation.listener() != null);
    }

    /** Who this gateway is: the organisation's OIN and name, and which roles it plays. */
    public record Identity(String oin, String name, List<String> roles) {}

    /** The requester API listener. */
    public record Api(
            String host,
            Integer port,
            Integer maxRequestBytes,
            Duration resultRetention,
            KeyStoreRef tls,
            Boolean plainHttp) {
        public Api {
            plainHttp = Boolean.TRUE.equals(plainHttp);
            host = host == null ? "127.0.0.1" : host;
            port = port == null ? 8080 : port;
            maxRequestBytes = maxRequestBytes == null ? 65_536 : maxRequestBytes;
            resultRetention = resultRetention == null ? Duration.ofMinutes(30) : resultRetention;
        }

        static Api defaults() {
            return new Api(null, null, null, null, null, null);
        }
    }

    /**
     * Health, metrics and the configuration reload on a port of their own.
     *
     * @param certificateWarningDays health warns when a federation certificate expires within this
     * @param watchConfig reload the purpose register when the configuration file changes
     */
    public record Management(String host, Integer port, Integer certificateWarningDays, Boolean watchConfig) {
        public Management {
            host = host == null ? "127.0.0.1" : host;
            certificateWarningDays = certificateWarningDays == null ? 30 : certificateWarningDays;
            watchConfig = Boolean.TRUE.equals(watchConfig);
        }
    }

    /**
     * The web interface: people log in with the organisation's OpenID Connect provider.
     *
     * @param idleTimeout a session without activity ends after this (default 15 minutes)
     */
    public record Web(Oidc oidc, Duration idleTimeout) {
        public Web {
            idleTimeout = idleTimeout == null ? Duration.ofMinutes(15) : idleTimeout;
        }
    }

    /**
     * The organisation's OpenID Connect provider as this gateway's client.
     *
     * @param rolesClaim the ID token claim with the person's roles (default {@code roles})
     * @param roles claim value to gateway role
     */
    public record Oidc(
            String issuer,
            String clientId,
            String clientSecret,
            String clientSecretEnv,
            String rolesClaim,
            Map<String, WebRole> roles) {
        public Oidc {
            rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
            roles = roles == null ? Map.of() : Map.copyOf(roles);
        }

        /** The secret from the environment variable when one is named, else as written (may be empty). */
        public String secret() {
            String value = clientSecretEnv != null ? System.getenv(clientSecretEnv) : clientSecret;
            return value == null ? "" : value;
        }

        @Override
        public String toString() {
            return "Oidc[issuer=" + issuer + ", clientId=" + clientId + "]";
        }
    }

    /** The roles a person can have in the web interface (the API's roles, plus the engineer's read-only view). */
    public enum WebRole {
        @JsonProperty("coordinator")
        COORDINATOR,
        @JsonProperty("reviewer")
        REVIEWER,
        @JsonProperty("auditor")
        AUDITOR,
        @JsonProperty("engineer")
        ENGINEER,
        /** Reporting point staff: assess signals and route them to desks. */
        @JsonProperty("meldpunt")
        MELDPUNT,
        /** A professional who reports a signal to the reporting point. */
        @JsonProperty("melder")
        MELDER;

        /** The name used in tokens, configuration and Spring Security ({@code ROLE_} + name). */
        public String roleName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which identity provider's bearer tokens the requester API accepts. */
    public record Authentication(String issuer, String audience, String jwksFile) {}

    /**
     * An entry of the purpose register.
     *
     * @param processingActivity the URI of this purpose's processing activity in the organisation's
     *     register of processing activities (the log exports name it); null: a URN the gateway makes
     */
    public record Purpose(
            String id,
            String phase,
            LegalBasis legalBasis,
            List<String> categories,
            Boolean specialCategoriesAllowed,
            Boolean criminalCategoriesAllowed,
            Boolean motivationRequired,
            Integer maxParties,
            Boolean allCategoriesAllowed,
            String processingActivity) {
        public Purpose {
            allCategoriesAllowed = Boolean.TRUE.equals(allCategoriesAllowed);
            categories = categories == null ? List.of() : List.copyOf(categories);
            specialCategoriesAllowed = Boolean.TRUE.equals(specialCategoriesAllowed);
            criminalCategoriesAllowed = Boolean.TRUE.equals(criminalCategoriesAllowed);
            motivationRequired = Boolean.TRUE.equals(motivationRequired);
        }
    }

    /** The legal basis a purpose rests on: a stable id and the text shown to auditors and citizens. */
    public record LegalBasis(String id, String text) {}

    /** A party the gateway may ask, with how to reach it. */
    public record Party(
            String id,
            String name,
            String oin,
            String domain,
            List<String> categories,
            Duration timeout,
            CircuitBreaker circuitBreaker,
            Adapter adapter) {
        public Party {
            categories = categories == null ? List.of() : List.copyOf(categories);
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
            circuitBreaker = circuitBreaker == null ? CircuitBreaker.defaults() : circuitBreaker;
        }
    }

    /** When to stop calling a failing party for a while. */
    public record CircuitBreaker(
            Integer failureRateThreshold, Integer minimumCalls, Integer slidingWindow, Duration openDuration) {
        public CircuitBreaker {
            failureRateThreshold = failureRateThreshold == null ? 50 : failureRateThreshold;
            minimumCalls = minimumCalls == null ? 5 : minimumCalls;
            slidingWindow = slidingWindow == null ? 10 : slidingWindow;
            openDuration = openDuration == null ? Duration.ofSeconds(30) : openDuration;
        }

        static CircuitBreaker defaults() {
            return new CircuitBreaker(null, null, null, null);
        }
    }

    /** How to reach a party's backend; {@code type} selects the adapter. */
    public record Adapter(
            AdapterType type,
            String url,
            TrustStore trustStore,
            Long maxAnswerBytes,
            String subjectsPointer,
            String bsnPointer,
            String refusalGroundPointer,
            String refusalMotivationPointer,
            Map<String, Map<String, String>> mappings,
            KeyStoreRef clientKeyStore) {
        public Adapter {
            maxAnswerBytes = maxAnswerBytes == null ? 1_048_576L : maxAnswerBytes;
            subjectsPointer = subjectsPointer == null ? "/personen" : subjectsPointer;
            bsnPointer = bsnPointer == null ? "/bsn" : bsnPointer;
            refusalGroundPointer = refusalGroundPointer == null ? "/weigering/grond" : refusalGroundPointer;
            refusalMotivationPointer =
                    refusalMotivationPointer == null ? "/weigering/motivering" : refusalMotivationPointer;
            // Keeps the configured order: answers list fields the way the engineer wrote them.
            mappings = mappings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(mappings));
        }
    }

    /** A PKCS#12 or JKS trust store for https backends. */
    public record TrustStore(String path, String password, String type) {
        public TrustStore {
            type = type == null ? "PKCS12" : type;
        }
    }
}
