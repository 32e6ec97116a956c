package nl.wams.gateway.api;

import jakarta.validation.constraints.NotNull;
import nl.wams.gateway.coordination.Part;

/** The JSON body of {@code POST /api/v1/zaken/{kenmerk}/dossier/{id}/status}. */
record AfspraakStatusBody(@NotNull Part.AgreementStatus status) {}
