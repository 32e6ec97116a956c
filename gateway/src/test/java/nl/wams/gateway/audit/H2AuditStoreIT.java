package nl.wams.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import nl.wams.gateway.support.QueryPlans;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The store contract on H2, the embedded default. */
class H2AuditStoreIT extends AuditStoreContract {

    static final JdbcDataSource H2 = new JdbcDataSource();

    static {
        H2.setURL("jdbc:h2:mem:audit-contract;DB_CLOSE_DELAY=-1");
        H2.setUser("sa");
    }

    @Override
    DataSource dataSource() {
        return H2;
    }

    /**
     * H2 ran a per-record {@code EXISTS} over the subject index for every record of the log (a
     * full scan for one person); the search now starts at the person's key in the subject index.
     */
    @Test
    void aSearchForOnePersonStartsAtTheirKeyInTheSubjectIndex() throws Exception {
        var selection = AuditStore.Selection.of(new AuditQuery(null, null, null, null, null, null, null, "p1", 1, 10));
        try (Connection c = H2.getConnection()) {
            for (String plan : new String[] {
                QueryPlans.explain(c, selection.count(), "p1"), QueryPlans.explain(c, selection.page(), "p1", 0L, 10)
            }) {
                assertThat(plan.indexOf("audit_subject"))
                        .as(plan)
                        .isNotNegative()
                        .isLessThan(plan.indexOf("audit_record"));
                assertThat(plan).contains(": pseudonym = ?1").doesNotContain("tablescan");
            }
        }
    }
}
