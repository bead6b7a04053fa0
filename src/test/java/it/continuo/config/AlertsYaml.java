package it.continuo.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A YAML document with an {@code alerts} section, read by {@link AlertsSection#read} as the config
 * loader will, with references resolved from {@code environment} and {@code baseDir}.
 */
public final class AlertsYaml {
  private AlertsYaml() {}

  public static AlertsConfig read(
      String yaml, Path baseDir, Map<String, String> environment, List<String> warnings)
      throws ConfigException {
    Node root =
        new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(yaml));
    YamlNode.Environment env =
        new YamlNode.Environment() {
          @Override
          public String variable(String name) {
            return environment.get(name);
          }

          @Override
          public Path baseDir() {
            return baseDir;
          }
        };
    YamlNode doc = new YamlNode(root, "", env);
    return AlertsSection.read(doc.require(doc.map(), "alerts"), warnings);
  }
}
