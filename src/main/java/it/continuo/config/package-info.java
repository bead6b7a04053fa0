/**
 * The YAML configuration: loading, reference resolution ({@code ${env:NAME}}, {@code ${file:PATH}})
 * and validation into immutable records.
 *
 * <p>Every error names the YAML path and line ({@code jobs.ufficio-nas.target: unknown target "nsa"
 * (line 14)}) and is a {@link it.continuo.config.ConfigException}; nothing is half-loaded. Relative
 * paths in the file are relative to the file's own directory. Values that are secrets must be
 * references and are held as {@link it.continuo.config.Secret}, which never prints its value.
 */
package it.continuo.config;
