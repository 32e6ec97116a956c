package nl.wams.gateway.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditQuery;
import nl.wams.gateway.audit.AuditStore;

/**
 * Load driver: how long the auditors' searches take on a large log. Fills the audit table with N
 * records (one a second from 2026-01-01, four events per case, five parties, 50,000 pseudonymised
 * persons with four records each) in one statement, then runs each search of the auditors' list
 * ({@link AuditStore#query}: the page and the total) three times and reports the time of each. The
 * records are not a hash chain: the searches do not read it. Run with
 * {@code bench/audit-query.sh [records] [h2|postgres]}.
 */
public final class AuditQueryLoad {

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        boolean h2 = args.length < 2 || !args[1].equals("postgres");
        try (BenchDatabase db = BenchDatabase.open("wams-audit-query", h2, "")) {
            long start = System.nanoTime();
            fill(db, records);
            System.out.printf(
                    "%s: %d records filled in %.1f s%n", db.name(), records, (System.nanoTime() - start) / 1e9);
            AuditStore store = new AuditStore(db.pool());
            Instant from = Instant.parse("2026-01-01T10:00:00Z");
            for (int round = 1; round <= 3; round++) {
                time(store, round, "everything, page 1", query(null, null, null, null, null, 1));
                time(store, round, "everything, page 100", query(null, null, null, null, null, 100));
                time(store, round, "one case", query("Z-777", null, null, null, null, 1));
                time(store, round, "one day", query(null, null, from, from.plusSeconds(86_400), null, 1));
                time(store, round, "one party", query(null, "ggz-1", null, null, null, 1));
                time(store, round, "one party, one day", query(null, "ggz-1", from, from.plusSeconds(86_400), null, 1));
                time(store, round, "one person", query(null, null, null, null, "p123", 1));
            }
        }
    }

    static AuditQuery query(String caseRef, String party, Instant from, Instant to, String subject, int page) {
        return new AuditQuery(caseRef, party, null, null, from, to, null, subject, page, 50);
    }

    static void time(AuditStore store, int round, String search, AuditQuery query) throws Exception {
        long start = System.nanoTime();
        AuditStore.Page page = store.query(query);
        System.out.printf(
                "round %d, %-20s %8.1f ms (%d found, %d on the page)%n",
                round,
                search + ":",
                (System.nanoTime() - start) / 1e6,
                page.total(),
                page.records().size());
    }

    /** N records and their subject rows, each in one statement of the database's own dialect. */
    static void fill(BenchDatabase db, int records) throws Exception {
        boolean h2 = db.h2();
        String[] events = {
            AuditEvent.VERZOEK_ONTVANGEN.name(),
            AuditEvent.VERZOEK_VERZONDEN.name(),
            AuditEvent.ANTWOORD_ONTVANGEN.name(),
            AuditEvent.ANTWOORD_VRIJGEGEVEN.name()
        };
        String range = h2 ? "SYSTEM_RANGE(1, " + records + ") t(x)" : "generate_series(1, " + records + ") t(x)";
        String uuid = h2 ? "RANDOM_UUID()" : "gen_random_uuid()::text";
        String time = h2
                ? "FORMATDATETIME(DATEADD(SECOND, x, TIMESTAMP '2026-01-01 00:00:00'),"
                        + " 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''')"
                : "to_char(TIMESTAMP '2026-01-01 00:00:00' + x * INTERVAL '1 second',"
                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
        try (Connection c = db.pool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO audit_record (node_id, seq, record_id, transaction_id, trace_id, span_id,"
                    + " occurred_at, event_type, party_id, purpose, case_ref, subjects, categories_asked,"
                    + " categories_released, fields_removed, outcome, prev_hash, hash, hash_format)"
                    + " SELECT 'bench', x, " + uuid + ", " + uuid + ", REPEAT('a', 32), REPEAT('b', 16), " + time
                    + ", CASE MOD(x, 4) WHEN 0 THEN '" + events[0] + "' WHEN 1 THEN '" + events[1]
                    + "' WHEN 2 THEN '" + events[2] + "' ELSE '" + events[3] + "' END,"
                    + " 'ggz-' || MOD(x, 5), 'verkenning', 'Z-' || (x / 4), '[\"p' || MOD(x / 4, 50000) || '\"]',"
                    + " '[\"schulden\"]', '[\"schulden\"]', '[]', 'VERSTREKT', REPEAT('0', 64), REPEAT('1', 64), 2"
                    + " FROM " + range);
            s.execute("INSERT INTO audit_subject (pseudonym, node_id, seq)"
                    + " SELECT 'p' || MOD(seq / 4, 50000), node_id, seq FROM audit_record");
        }
    }
}
