/**
 * The purpose register in force: which version of the configuration decides requests now
 * ({@link nl.wams.gateway.register.ActiveRules}), reloading it without a restart, the history of
 * every version that was ever active (({@link nl.wams.gateway.audit.ConfigHistory})) and what a
 * change does to the rules, in words ({@link nl.wams.gateway.register.ConfigDiff}).
 */
package nl.wams.gateway.register;
