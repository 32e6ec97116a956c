package nl.wams.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.List;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.LoadedConfig;
import org.junit.jupiter.api.Test;

/**
 * The standard exports of one exchange as both organisations write them: the municipality's
 * request to GGZ Noordkust's gateway and GGZ's record of receiving it. Every line is valid under
 * the standards' schemas as the team wrote them down ({@code src/test/resources/standards/}), and
 * each side's {@code foreign_operation} names the other side's line.
 */
class StandardExportsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TX = "01937a3e-0000-7000-8000-000000000077";
    static final String TRACE = "01937a3e000070008000000000000077";
    static final LoadedConfig GEMEENTE = new ConfigLoader().load(Path.of("../config/demo/gemeente.yml"));
    static final LoadedConfig GGZ = new ConfigLoader().load(Path.of("../config/demo/ggz-noordkust.yml"));

    static AuditRecord record(String node, AuditEntry entry) {
        return AuditRecord.chained(
                node,
                1,
                "01937a3e-0000-7000-8000-0000000000aa",
                TRACE,
                "1111111111111111",
                "2026-11-30T09:00:00.000Z",
                entry,
                AuditRecord.GENESIS);
    }

    static final AuditRecord SENT = record(
            "gemeente-1",
            AuditEntry.of(AuditEvent.VERZOEK_VERZONDEN, TX)
                    .requester(GEMEENTE.gateway().identity().oin(), "coordinator-1")
                    .party("ggz-noordkust", GGZ.gateway().identity().oin())
                    .purpose("onderzoek", "wmo2015-wams-onderzoek", "onderzoek", "VBS-2026-0042")
                    .subjects(List.of("aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44"))
                    .categories(List.of("bekend-bij"), List.of())
                    .build());

    static final AuditRecord RECEIVED = record(
            "ggz-1",
            AuditEntry.of(AuditEvent.PEER_VERZOEK_ONTVANGEN, TX)
                    .requester(
                            GEMEENTE.gateway().identity().oin(),
                            "peer:" + GEMEENTE.gateway().identity().oin())
                    .purpose("onderzoek", "wmo2015-wams-onderzoek", "onderzoek", "VBS-2026-0042")
                    .subjects(List.of("0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f"))
                    .build());

    static Schema schema(String file) throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(JSON.readTree(
                        Path.of("src/test/resources/standards/" + file).toFile()));
    }

    @Test
    void logboekLinesMeetTheStandardAndEachSideNamesTheOthersLine() throws Exception {
        Schema schema = schema("logboek-dataverwerkingen.schema.json");
        ObjectNode requester = new AuditExport(null, GEMEENTE.gateway(), GEMEENTE.catalogue())
                .logboek(SENT)
                .get(0);
        ObjectNode provider = new AuditExport(null, GGZ.gateway(), GGZ.catalogue())
                .logboek(RECEIVED)
                .get(0);

        assertThat(schema.validate(requester)).as(requester.toString()).isEmpty();
        assertThat(schema.validate(provider)).as(provider.toString()).isEmpty();
        assertThat(requester.at("/foreign_operation/span_id").asText())
                .isEqualTo(provider.get("span_id").asText());
        assertThat(provider.at("/foreign_operation/span_id").asText())
                .isEqualTo(requester.get("span_id").asText());
        assertThat(requester.at("/foreign_operation/entity").asText())
                .isEqualTo("urn:oin:" + GGZ.gateway().identity().oin());
        assertThat(requester.get("start_time").asLong()).isEqualTo(1796029200000L);
        assertThat(requester.toString()).doesNotContain("coordinator-1");
        assertThat(attribute(requester, "dpl.core.processing_activity_id"))
                .isEqualTo("https://register.voorbeeldstad.example/verwerkingen/wams-onderzoek");
    }

    @Test
    void theSchemaRefusesAUserAndAttributesOutsideTheDplNamespace() throws Exception {
        Schema schema = schema("logboek-dataverwerkingen.schema.json");
        ObjectNode line = new AuditExport(null, GEMEENTE.gateway(), GEMEENTE.catalogue())
                .logboek(SENT)
                .get(0);
        ObjectNode withUser = line.deepCopy();
        withUser.withArray("attributes").addObject().put("key", "dpl.core.user").put("value", "coordinator-1");
        ObjectNode outside = line.deepCopy();
        outside.withArray("attributes").addObject().put("key", "wams.outcome").put("value", "VERSTREKT");
        ObjectNode isoTime = line.deepCopy().put("start_time", "2026-11-30T09:00:00.000Z");
        for (ObjectNode bad : List.of(withUser, outside, isoTime)) {
            assertThat(schema.validate(bad)).as(bad.toString()).isNotEmpty();
        }
    }

    @Test
    void fscTransactionLogHasOneRecordPerExchangeOnEachSide() throws Exception {
        Schema schema = schema("fsc-logrecord.schema.json");
        JsonNode outgoing = new AuditExport(null, GEMEENTE.gateway(), GEMEENTE.catalogue())
                .fsc(SENT)
                .orElseThrow();
        JsonNode incoming = new AuditExport(null, GGZ.gateway(), GGZ.catalogue())
                .fsc(RECEIVED)
                .orElseThrow();
        assertThat(schema.validate(outgoing)).as(outgoing.toString()).isEmpty();
        assertThat(schema.validate(incoming)).as(incoming.toString()).isEmpty();
        assertThat(outgoing.get("direction").asText()).isEqualTo("DIRECTION_OUTGOING");
        assertThat(incoming.get("direction").asText()).isEqualTo("DIRECTION_INCOMING");
        assertThat(outgoing.get("transaction_id")).isEqualTo(incoming.get("transaction_id"));
        assertThat(outgoing.get("grant_hash")).isEqualTo(incoming.get("grant_hash"));
        assertThat(outgoing.at("/source/outway_peer_id").asText())
                .isEqualTo(GEMEENTE.gateway().identity().oin());
        assertThat(outgoing.at("/destination/service_peer_id").asText())
                .isEqualTo(GGZ.gateway().identity().oin());
        assertThat(outgoing.get("created_at").asLong()).isEqualTo(1796029200L);
        AuditRecord notAnExchange = record(
                "gemeente-1",
                AuditEntry.of(AuditEvent.VERZOEK_ONTVANGEN, TX)
                        .requester(GEMEENTE.gateway().identity().oin(), "c")
                        .build());
        assertThat(new AuditExport(null, GEMEENTE.gateway(), GEMEENTE.catalogue()).fsc(notAnExchange))
                .isEmpty();
    }

    static String attribute(JsonNode line, String key) {
        for (JsonNode kv : line.get("attributes")) {
            if (kv.get("key").asText().equals(key)) {
                return kv.get("value").asText();
            }
        }
        return null;
    }
}
