package fr.adminteleservices.codes;

import java.util.List;

/** The answer of a mass generation: how many codes, and why the other couples got none. */
public record GenerationResult(String generationId, int created, List<Skipped> skipped) {

    public record Skipped(long linkId, String reason) {
    }
}
