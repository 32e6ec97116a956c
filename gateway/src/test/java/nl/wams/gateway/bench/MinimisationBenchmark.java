package nl.wams.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.wams.gateway.minimisation.CoarseTable;
import nl.wams.gateway.minimisation.MinimisationFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the minimisation filter on a realistic 30-field answer (strings, dates, numbers,
 * booleans, a list of objects and a nested object), with a profile that keeps 22 fields through
 * every kind of transform and removes 8. One thread: answers per second per core.
 * Run with {@code bench/minimisation.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class MinimisationBenchmark {

    static final String ANSWER = """
            {"inBehandeling":true,"soortZorg":"ambulante behandeling","startdatum":"2025-03-01","einddatum":null,
             "behandelaar":"T. Verbeek","telefoon":"0612345678","email":"t.verbeek@ggz.example","afdeling":"FACT-team Noord",
             "locatie":"Voorbeeldstad","dossiernummer":"GGZ-2025-0042","diagnosecode":"F32.1","diagnose":"depressieve episode",
             "zorgzwaarte":3,"aantalContacten":17,"laatsteContact":"2026-11-02","volgendeContact":"2026-12-01",
             "crisisplan":true,"medicatie":["sertraline"],"opnameverleden":false,"verwijzer":"huisarts",
             "verwijsdatum":"2025-02-10","indicatie":"basis-ggz","financiering":"Zvw","eigenRisico":385,
             "toelichting":"Client heeft baat bij ambulante begeleiding en structuur in de week; motivatie wisselend.",
             "signalen":["schulden","eenzaamheid"],"contactpersoon":{"naam":"S. de Wit","relatie":"zus","telefoon":"0687654321"},
             "trajecten":[{"naam":"FACT","start":"2025-03-01","intensiteit":"hoog"},{"naam":"dagbesteding","start":"2025-06-01","intensiteit":"laag"}],
             "toestemmingDelen":false,"laatsteWijziging":"2026-11-20T10:15:00Z"}""";

    static final String PROFILE = """
            {"inBehandeling":"keep","soortZorg":{"coarse":"zorgsoort"},"startdatum":"year","einddatum":"year",
             "behandelaar":"keep","telefoon":{"mask":2},"afdeling":{"truncate":12},"locatie":"keep",
             "zorgzwaarte":"keep","aantalContacten":"keep","laatsteContact":"year","volgendeContact":"presence",
             "crisisplan":"keep","medicatie":"presence","opnameverleden":"keep","verwijsdatum":"year",
             "indicatie":"keep","toelichting":{"truncate":40},"signalen":"count","contactpersoon.naam":"keep",
             "trajecten[].naam":"keep","trajecten[].start":"year"}""";

    MinimisationFilter filter;
    Map<String, JsonNode> answer;

    @Setup
    public void setUp() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        json.readTree(PROFILE).fields().forEachRemaining(e -> rules.put(e.getKey(), e.getValue()));
        filter = MinimisationFilter.compile(
                Map.of("onderzoek", Map.of("ggz-behandeling", rules)),
                Map.of("zorgsoort", new CoarseTable(Map.of("ambulante behandeling", "ggz-behandeling"), "ggz-overig")));
        answer = new LinkedHashMap<>();
        json.readTree(ANSWER).fields().forEachRemaining(e -> answer.put(e.getKey(), e.getValue()));
        if (answer.size() != 30) {
            throw new IllegalStateException("the benchmark answer must have 30 fields, has " + answer.size());
        }
    }

    @Benchmark
    public MinimisationFilter.Released release() {
        return filter.release("onderzoek", "ggz-behandeling", answer);
    }
}
