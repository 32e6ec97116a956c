package nl.wams.gateway.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ClientLetterTest {

    @Test
    void theShippedTemplateRendersToAPdfThatNamesThePartiesAndTheRights() throws Exception {
        ClientLetter letters = new ClientLetter(null, null, null, null, Clock.systemUTC(), null);
        ClientLetter.Letter letter = new ClientLetter.Letter(
                "Gemeente Voorbeeldstad",
                "1 december 2026",
                "ZK-1",
                "Er is een gecoördineerde aanpak nodig.",
                "Schulden en huur",
                "Sanne Jansen (Gemeente Voorbeeldstad) is uw coördinator.",
                List.of(new ClientLetter.Asked(
                        "GGZ Noordkust", "contactprofessional", "Om te onderzoeken", "gegevens gegeven")),
                List.of("Woonstichting De Haven heeft geweigerd gegevens te geven (beroepsgeheim)."),
                List.of());
        byte[] pdf = ClientLetter.pdf(letters.render(letter));
        String text;
        try (var document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
        assertThat(text)
                .contains("GGZ Noordkust")
                .contains("Woonstichting De Haven")
                .contains("Uw rechten");
    }
}
