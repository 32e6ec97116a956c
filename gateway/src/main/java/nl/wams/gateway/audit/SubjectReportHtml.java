package nl.wams.gateway.audit;

import java.util.List;

/** Renders the access report as a self-contained HTML page a municipality can hand to the citizen. */
public final class SubjectReportHtml {

    private SubjectReportHtml() {}

    public static String render(
            String organisation, String maskedBsn, String generatedAt, List<SubjectReport.Processing> processings) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Overzicht verwerkingen van uw gegevens</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:60rem;margin:2rem auto;color:#1b1b1b}")
                .append("table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}")
                .append("th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}")
                .append("th{background:#eef}</style>\n</head>\n<body>\n")
                .append("<h1>Overzicht verwerkingen van uw gegevens</h1>\n")
                .append("<p>Verwerkingsverantwoordelijke: ")
                .append(esc(organisation))
                .append(". Dit overzicht (AVG artikel 15) toont elke keer dat in het kader van de Wams gegevens over u")
                .append(" zijn gevraagd: wanneer, door wie, waarvoor, op welke grondslag, bij welke partij, en wat die")
                .append(" partij heeft verstrekt of geweigerd.</p>\n")
                .append("<p>Persoon: BSN ")
                .append(esc(maskedBsn))
                .append(". Opgesteld op ")
                .append(esc(generatedAt))
                .append(". Aantal verwerkingen: ")
                .append(processings.size())
                .append(".</p>\n");
        if (processings.isEmpty()) {
            html.append("<p>Er zijn geen verwerkingen van uw gegevens vastgelegd.</p>\n");
        }
        int n = 1;
        for (SubjectReport.Processing p : processings) {
            html.append("<h2>")
                    .append(n++)
                    .append(". ")
                    .append(esc(p.time()))
                    .append("</h2>\n<table>\n")
                    .append(row("Gevraagd door", p.requesterName() + " (OIN " + p.requesterOin() + ")"))
                    .append(row("Doel", p.purpose() + (p.phase() == null ? "" : " (fase " + p.phase() + ")")))
                    .append(row("Grondslag", p.legalBasisText() == null ? p.legalBasis() : p.legalBasisText()))
                    .append(row("Uitkomst", p.outcome() + (p.ground() == null ? "" : ", grond " + p.ground())))
                    .append(row("Kenmerk", p.transactionId()))
                    .append("</table>\n");
            if (!p.parties().isEmpty()) {
                html.append("<table>\n<tr><th>Partij</th><th>Gevraagd</th><th>Verstrekt</th><th>Uitkomst</th>")
                        .append("<th>Grond en motivering</th></tr>\n");
                for (SubjectReport.PartyProcessing party : p.parties()) {
                    html.append("<tr><td>")
                            .append(esc(party.partyName()))
                            .append("</td><td>")
                            .append(esc(String.join(", ", party.categoriesAsked())))
                            .append("</td><td>")
                            .append(esc(String.join(", ", party.categoriesReleased())))
                            .append("</td><td>")
                            .append(esc(party.outcome()))
                            .append("</td><td>")
                            .append(esc(
                                    party.ground() == null
                                            ? ""
                                            : party.ground()
                                                    + (party.motivation() == null ? "" : ": " + party.motivation())))
                            .append("</td></tr>\n");
                }
                html.append("</table>\n");
            }
        }
        html.append("<p>Heeft u vragen, bezwaar of een klacht? Neem contact op met de gemeente; u kunt ook een")
                .append(" klacht indienen bij de Autoriteit Persoonsgegevens.</p>\n</body>\n</html>\n");
        return html.toString();
    }

    /** Only the last four digits of a BSN are shown. */
    public static String mask(String bsn) {
        return bsn.length() <= 4 ? "****" : "*".repeat(bsn.length() - 4) + bsn.substring(bsn.length() - 4);
    }

    private static String row(String label, String value) {
        return "<tr><th>" + esc(label) + "</th><td>" + esc(value) + "</td></tr>\n";
    }

    private static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
