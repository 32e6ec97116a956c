package nl.wams.gateway.web;

/**
 * The privacy officer's search of the log, as the browser sends it (a GET for the filters, a POST
 * when a BSN is among them). Dates as {@code yyyy-mm-dd}; {@code pagina} from 1.
 */
public record LogSearch(
        String van, String tot, String zaakkenmerk, String partij, String gebeurtenis, String bsn, Integer pagina) {

    public int page() {
        return pagina == null ? 1 : Math.max(1, Math.min(pagina, 100_000));
    }

    /** Never print the BSN. */
    @Override
    public String toString() {
        return "LogSearch[zaakkenmerk=" + zaakkenmerk + "]";
    }
}
