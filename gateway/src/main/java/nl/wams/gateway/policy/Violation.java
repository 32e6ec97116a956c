package nl.wams.gateway.policy;

/**
 * One broken rule.
 *
 * @param rule the rule
 * @param path where in the request (e.g. {@code partijen[1].categorieen[0]}); never a BSN value
 * @param detail a sentence for the caller; never a BSN value
 */
public record Violation(Rule rule, String path, String detail) {}
