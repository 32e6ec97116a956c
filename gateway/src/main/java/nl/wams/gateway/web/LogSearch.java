package nl.wams.gateway.web;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The privacy officer's search of the log, as the browser sends it (a GET for the filters, a POST
 * when a BSN is among them; the next page of a person's search by POST with the pseudonym). Dates
 * as {@code yyyy-mm-dd}; {@code pagina} from 1.
 */
public record LogSearch(
        String van,
        String tot,
        String zaakkenmerk,
        String partij,
        String gebeurtenis,
        String bsn,
        String persoon,
        Integer pagina) {

    private static final Pattern PSEUDONYM = Pattern.compile("[0-9a-f]{40}");

    /**
     * The person of a previous page's search, by pseudonym ({@code persoon}): the next page is asked
     * without the BSN ever being written into the page.
     */
    public Optional<String> pseudonym() {
        return persoon != null && PSEUDONYM.matcher(persoon).matches() ? Optional.of(persoon) : Optional.empty();
    }

    public int page() {
        return pagina == null ? 1 : Math.max(1, Math.min(pagina, 100_000));
    }

    /** Never print the BSN. */
    @Override
    public String toString() {
        return "LogSearch[zaakkenmerk=" + zaakkenmerk + "]";
    }
}
