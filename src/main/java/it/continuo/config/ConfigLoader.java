package it.continuo.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads and validates a configuration file. */
public final class ConfigLoader {
  /** Names that become directory names on targets and lock files. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final List<String> ROOT_ORDER =
      List.of(
          "agent",
          "hosts",
          "sources",
          "targets",
          "jobs",
          "replicas",
          "services",
          "http",
          "logging",
          "verification",
          "reports",
          "health",
          "alerts",
          "failover");

  private final Map<String, String> environment;

  public ConfigLoader() {
    this(System.getenv());
  }

  /** A loader that resolves {@code ${env:…}} from the given variables (tests). */
  public ConfigLoader(Map<String, String> environment) {
    this.environment = environment;
  }

  public Config load(Path file) throws ConfigException {
    Path absolute = file.toAbsolutePath().normalize();
    Node root = parse(absolute);
    Path baseDir = absolute.getParent();
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
    if (root == null) {
      throw new ConfigException(absolute + ": the file is empty");
    }
    return new Reader(absolute, new YamlNode(root, "", env)).read();
  }

  private static Node parse(Path file) throws ConfigException {
    if (!Files.exists(file)) {
      throw new ConfigException("configuration file " + file + " does not exist");
    }
    try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      return new Yaml(new SafeConstructor(options)).compose(in);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where =
          mark == null
              ? ""
              : ": line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      throw new ConfigException(file + where + ": " + e.getProblem() + " (malformed YAML)");
    } catch (YAMLException e) {
      throw new ConfigException(file + ": malformed YAML: " + e.getMessage());
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read configuration file " + file + ": " + YamlNode.reason(e));
    }
  }

  /** One pass over one document. */
  private static final class Reader {
    private final Path file;
    private final YamlNode root;
    private final List<String> warnings = new ArrayList<>();
    private Map<String, HostConfig> hosts = Map.of();

    Reader(Path file, YamlNode root) {
      this.file = file;
      this.root = root;
    }

    Config read() throws ConfigException {
      Map<String, YamlNode> top = root.map(ROOT_ORDER);
      AgentConfig agent = agent(top.get("agent"));
      Map<String, SourceConfig> sources = named(top, "sources", this::source);
      hosts = named(top, "hosts", HostsSection::read);
      Map<String, ReplicaConfig> replicas =
          named(top, "replicas", (n, node) -> ReplicaSection.read(n, node, hosts, Reader::cron));
      Map<String, TargetConfig> targets = named(top, "targets", this::target);
      Map<String, JobConfig> jobs = new LinkedHashMap<>();
      YamlNode jobsNode = top.get("jobs");
      if (jobsNode != null && !jobsNode.isNull()) {
        for (Map.Entry<String, YamlNode> e : jobsNode.map().entrySet()) {
          jobs.put(e.getKey(), job(e.getKey(), e.getValue(), sources, targets));
        }
      }
      List<ServiceConfig> services =
          YamlNode.optional(top, "services", n -> services(n, jobs, replicas)).orElse(List.of());
      HttpConfig http = YamlNode.optional(top, "http", this::http).orElse(null);
      LoggingConfig logging = YamlNode.optional(top, "logging", this::logging).orElse(null);
      VerificationConfig verification =
          YamlNode.optional(top, "verification", n -> verification(n, agent.dataDir()))
              .orElse(VerificationConfig.defaults(agent.dataDir()));
      if (verification.schedule() != null) {
        jobs.replaceAll(
            (name, job) ->
                job.verify() != null
                    ? job
                    : new JobConfig(
                        job.name(),
                        job.source(),
                        job.targets(),
                        job.full(),
                        job.incremental(),
                        job.hooks(),
                        job.maxFullAge(),
                        job.keep(),
                        verification.schedule()));
      }
      ReportsConfig reports =
          YamlNode.optional(top, "reports", this::reports).orElse(ReportsConfig.DEFAULTS);
      AlertsConfig alerts =
          YamlNode.optional(top, "alerts", n -> AlertsSection.read(n, warnings))
              .orElse(AlertsConfig.NONE);
      if (reports.email() == null
          && alerts.smtp() == null
          && alerts.channels().values().stream().anyMatch(c -> c instanceof AlertsConfig.Email)) {
        throw top.get("alerts")
            .error(
                "an email channel needs an SMTP server: add alerts.smtp, or reports.email whose"
                    + " server alerts share");
      }
      HealthConfig health =
          YamlNode.optional(top, "health", n -> HealthSection.read(n, warnings, jobs.keySet()))
              .orElse(HealthConfig.DEFAULTS);
      FailoverConfig failover =
          YamlNode.optional(
                  top,
                  "failover",
                  n ->
                      FailoverSection.read(
                          n, new FailoverSection.Known(hosts, replicas, services, alerts)))
              .orElse(FailoverConfig.NONE);
      FailoverSection.checkServiceRunbooks(top.get("services"), failover);
      return new Config(
          file,
          agent,
          hosts,
          sources,
          targets,
          jobs,
          replicas,
          services,
          http,
          logging,
          verification,
          reports,
          health,
          alerts,
          failover,
          List.copyOf(warnings));
    }

    private <T> Map<String, T> named(
        Map<String, YamlNode> top, String section, NamedParser<T> parser) throws ConfigException {
      Map<String, T> result = new LinkedHashMap<>();
      YamlNode node = top.get(section);
      if (node == null || node.isNull()) {
        return result;
      }
      for (Map.Entry<String, YamlNode> e : node.map().entrySet()) {
        checkName(e.getKey(), e.getValue());
        result.put(e.getKey(), parser.parse(e.getKey(), e.getValue()));
      }
      return result;
    }

    private static void checkName(String name, YamlNode node) throws ConfigException {
      if (!NAME.matcher(name).matches()) {
        throw node.error(
            "name must be letters, digits, '.', '_' or '-' (at most 64, not starting with '.', '_' or '-')");
      }
    }

    private AgentConfig agent(YamlNode node) throws ConfigException {
      Map<String, YamlNode> m =
          node == null || node.isNull()
              ? Map.of()
              : node.map(
                  List.of(
                      "name",
                      "dataDir",
                      "timezone",
                      "language",
                      "compressionLevel",
                      "compressionThreads",
                      "maxConcurrentJobs",
                      "shutdownGrace"));
      String name =
          YamlNode.optional(m, "name", YamlNode::nonEmptyString).orElseGet(ConfigLoader::hostName);
      if (!NAME.matcher(name).matches()) {
        throw (m.containsKey("name") ? m.get("name") : root)
            .error("agent name \"" + name + "\" must be letters, digits, '.', '_' or '-'");
      }
      Path dataDir =
          YamlNode.optional(m, "dataDir", n -> n.path(true)).orElse(Path.of("/var/lib/continuo"));
      ZoneId zone =
          YamlNode.optional(
                  m,
                  "timezone",
                  n -> {
                    try {
                      return ZoneId.of(n.nonEmptyString());
                    } catch (DateTimeException e) {
                      throw n.error("unknown time zone \"" + n.string() + "\"");
                    }
                  })
              .orElse(ZoneId.systemDefault());
      String language =
          YamlNode.optional(
                  m,
                  "language",
                  n -> {
                    String l = n.nonEmptyString();
                    if (!l.equals("it") && !l.equals("en")) {
                      throw n.error("language must be \"it\" or \"en\"");
                    }
                    return l;
                  })
              .orElse("it");
      int level = YamlNode.optional(m, "compressionLevel", n -> n.integer(1, 19)).orElse(3);
      int threads = YamlNode.optional(m, "compressionThreads", n -> n.integer(0, 64)).orElse(0);
      int concurrent = YamlNode.optional(m, "maxConcurrentJobs", n -> n.integer(1, 16)).orElse(2);
      java.time.Duration grace =
          YamlNode.optional(m, "shutdownGrace", YamlNode::duration)
              .orElse(java.time.Duration.ofMinutes(5));
      return new AgentConfig(name, dataDir, zone, language, level, threads, concurrent, grace);
    }

    private SourceConfig source(String name, YamlNode node) throws ConfigException {
      Map<String, YamlNode> m = node.map(List.of("paths", "exclude"));
      YamlNode pathsNode = node.require(m, "paths");
      List<Path> paths = new ArrayList<>();
      List<YamlNode> items = pathsNode.items();
      if (items.isEmpty()) {
        throw pathsNode.error("at least one path is required");
      }
      for (YamlNode item : items) {
        Path p = item.path(true);
        if (p.getParent() == null) {
          throw item.error(
              "backing up \"/\" as a whole is not supported; list the directories to back up");
        }
        for (int i = 0; i < paths.size(); i++) {
          Path other = paths.get(i);
          if (p.startsWith(other) || other.startsWith(p)) {
            throw item.error(p + " overlaps " + other + "; list each directory once");
          }
        }
        paths.add(p);
        if (Files.isSymbolicLink(p)) {
          warnings.add(
              item.path()
                  + ": "
                  + p
                  + " is a symbolic link; the link is backed up, not what it points to (line "
                  + item.line()
                  + ")");
        } else if (!Files.exists(p)) {
          warnings.add(item.path() + ": " + p + " does not exist (yet) (line " + item.line() + ")");
        }
      }
      List<String> exclude = new ArrayList<>();
      YamlNode ex = m.get("exclude");
      if (ex != null && !ex.isNull()) {
        for (YamlNode item : ex.items()) {
          String pattern = item.nonEmptyString();
          try {
            it.continuo.tree.Excludes.validate(pattern);
          } catch (IllegalArgumentException e) {
            throw item.error("invalid glob \"" + pattern + "\": " + e.getMessage());
          }
          exclude.add(pattern);
        }
      }
      return new SourceConfig(name, List.copyOf(paths), List.copyOf(exclude));
    }

    private static final List<String> OPTION_KEYS =
        List.of(
            "encryptTo", "bandwidth", "retries", "retryDelay", "decryptKey", "decryptPassphrase");

    private TargetConfig target(String name, YamlNode node) throws ConfigException {
      Map<String, YamlNode> m = node.map();
      String type = node.require(m, "type").nonEmptyString();
      return switch (type) {
        case "local" -> {
          node.map(keys(List.of("type", "path")));
          yield new LocalTargetConfig(name, node.require(m, "path").path(true), options(m));
        }
        case "sftp" -> sftp(name, node, m);
        case "s3" -> s3(name, node, m);
        default ->
            throw m.get("type")
                .error("unknown target type \"" + type + "\"; known: local, sftp, s3");
      };
    }

    private static List<String> keys(List<String> own) {
      List<String> all = new ArrayList<>(own);
      all.addAll(OPTION_KEYS);
      return all;
    }

    private TargetOptions options(Map<String, YamlNode> m) throws ConfigException {
      TargetOptions d = TargetOptions.DEFAULT;
      Path encryptTo = YamlNode.optional(m, "encryptTo", n -> n.path(true)).orElse(null);
      if (encryptTo != null && !Files.isReadable(encryptTo)) {
        throw m.get("encryptTo").error("cannot read the public key file " + encryptTo);
      }
      if (encryptTo != null) {
        try {
          it.continuo.crypto.EncryptionKey.load(encryptTo);
        } catch (it.continuo.crypto.KeyFileException e) {
          throw m.get("encryptTo").error(e.getMessage());
        }
      }
      return new TargetOptions(
          encryptTo,
          YamlNode.optional(m, "bandwidth", YamlNode::bandwidth).orElse(d.bandwidth()),
          YamlNode.optional(m, "retries", n -> n.integer(0, 100)).orElse(d.retries()),
          YamlNode.optional(m, "retryDelay", YamlNode::duration).orElse(d.retryDelay()),
          YamlNode.optional(m, "decryptKey", n -> n.path(true)).orElse(null),
          YamlNode.optional(m, "decryptPassphrase", YamlNode::secret).orElse(null));
    }

    /**
     * An SFTP target: {@code host} names an entry of {@code hosts:}, or is the address with the
     * host's other keys written in the target.
     */
    private SftpTargetConfig sftp(String name, YamlNode node, Map<String, YamlNode> m)
        throws ConfigException {
      List<String> own = new ArrayList<>(List.of("type", "host", "path"));
      YamlNode hostNode = node.require(m, "host");
      String host = hostNode.nonEmptyString();
      HostConfig named = hosts.get(host);
      if (named == null && !hosts.isEmpty() && !m.containsKey("key") && !m.containsKey("user")) {
        HostsSection.named(hostNode, hosts); // not a host of hosts:, nor an address: says so
      }
      if (named == null) {
        own.addAll(HostsSection.KEYS);
        own.remove("address");
      }
      node.map(keys(own));
      return new SftpTargetConfig(
          name,
          named != null ? named : HostsSection.read(host, node, m, host),
          node.require(m, "path").nonEmptyString(),
          options(m));
    }

    private S3TargetConfig s3(String name, YamlNode node, Map<String, YamlNode> m)
        throws ConfigException {
      node.map(
          keys(
              List.of(
                  "type",
                  "bucket",
                  "region",
                  "endpoint",
                  "pathStyle",
                  "accessKey",
                  "secretKey",
                  "prefix",
                  "storageClass",
                  "objectLock",
                  "partSize",
                  "parallelParts")));
      URI endpoint =
          YamlNode.optional(
                  m,
                  "endpoint",
                  n -> {
                    try {
                      URI u = new URI(n.nonEmptyString());
                      if (u.getScheme() == null || u.getHost() == null) {
                        throw n.error("endpoint must be a URL such as https://s3.example.org");
                      }
                      return u;
                    } catch (java.net.URISyntaxException e) {
                      throw n.error("not a URL: " + e.getMessage());
                    }
                  })
              .orElse(null);
      String lockMode = null;
      int lockDays = 0;
      YamlNode lock = m.get("objectLock");
      if (lock != null && !lock.isNull()) {
        Map<String, YamlNode> l = lock.map(List.of("mode", "days"));
        lockMode = lock.require(l, "mode").nonEmptyString().toUpperCase(java.util.Locale.ROOT);
        if (!lockMode.equals("GOVERNANCE") && !lockMode.equals("COMPLIANCE")) {
          throw l.get("mode").error("objectLock mode must be GOVERNANCE or COMPLIANCE");
        }
        lockDays = lock.require(l, "days").integer(1, 36500);
      }
      long partSize = YamlNode.optional(m, "partSize", YamlNode::size).orElse(16L << 20);
      if (partSize < (5L << 20) || partSize > (5L << 30)) {
        throw m.get("partSize").error("partSize must be between 5MiB and 5GiB (S3's limits)");
      }
      String prefix = YamlNode.optional(m, "prefix", YamlNode::string).orElse("");
      while (prefix.endsWith("/")) {
        prefix = prefix.substring(0, prefix.length() - 1);
      }
      return new S3TargetConfig(
          name,
          node.require(m, "bucket").nonEmptyString(),
          YamlNode.optional(m, "region", YamlNode::nonEmptyString).orElse("us-east-1"),
          endpoint,
          YamlNode.optional(m, "pathStyle", YamlNode::bool).orElse(endpoint != null),
          node.require(m, "accessKey").secret(),
          node.require(m, "secretKey").secret(),
          prefix,
          YamlNode.optional(m, "storageClass", YamlNode::nonEmptyString).orElse(null),
          lockMode,
          lockDays,
          partSize,
          YamlNode.optional(m, "parallelParts", n -> n.integer(1, 32)).orElse(4),
          options(m));
    }

    private JobConfig job(
        String name,
        YamlNode node,
        Map<String, SourceConfig> sources,
        Map<String, TargetConfig> targets)
        throws ConfigException {
      checkName(name, node);
      Map<String, YamlNode> m =
          node.map(
              List.of(
                  "source",
                  "target",
                  "targets",
                  "full",
                  "incremental",
                  "hooks",
                  "maxFullAge",
                  "keep",
                  "verify"));
      YamlNode sourceNode = node.require(m, "source");
      String source = sourceNode.nonEmptyString();
      if (!sources.containsKey(source)) {
        throw sourceNode.error("unknown source \"" + source + "\"" + known(sources.keySet()));
      }
      if (m.containsKey("target") == m.containsKey("targets")) {
        throw node.error(
            m.containsKey("target")
                ? "give either target or targets, not both"
                : "required: target (one name) or targets (a list)");
      }
      YamlNode targetsNode = m.containsKey("target") ? m.get("target") : m.get("targets");
      List<String> jobTargets = new ArrayList<>();
      for (YamlNode t : targetsNode.items()) {
        String target = t.nonEmptyString();
        if (!targets.containsKey(target)) {
          throw t.error("unknown target \"" + target + "\"" + known(targets.keySet()));
        }
        if (jobTargets.contains(target)) {
          throw t.error("target \"" + target + "\" is listed twice");
        }
        jobTargets.add(target);
      }
      if (jobTargets.isEmpty()) {
        throw targetsNode.error("at least one target is required");
      }
      String full = cron(node.require(m, "full"));
      String incremental = cron(node.require(m, "incremental"));
      HooksConfig hooks = YamlNode.optional(m, "hooks", this::hooks).orElse(HooksConfig.NONE);
      java.time.Duration maxFullAge =
          YamlNode.optional(m, "maxFullAge", YamlNode::duration).orElse(null);
      KeepConfig keep = YamlNode.optional(m, "keep", this::keep).orElse(KeepConfig.ALL);
      String verify = YamlNode.optional(m, "verify", ConfigLoader.Reader::cron).orElse(null);
      return new JobConfig(
          name,
          source,
          List.copyOf(jobTargets),
          full,
          incremental,
          hooks,
          maxFullAge,
          keep,
          verify);
    }

    private static final Map<String, String> CRITICALITY =
        Map.of(
            "low", "low",
            "bassa", "low",
            "medium", "medium",
            "media", "medium",
            "high", "high",
            "alta", "high",
            "critical", "critical",
            "critica", "critical");

    private List<ServiceConfig> services(
        YamlNode node, Map<String, JobConfig> jobs, Map<String, ReplicaConfig> replicas)
        throws ConfigException {
      List<ServiceConfig> services = new ArrayList<>();
      for (YamlNode item : node.list()) {
        ServiceConfig s = service(item, jobs, replicas);
        if (services.stream().anyMatch(o -> o.name().equals(s.name()))) {
          throw item.error("service \"" + s.name() + "\" is listed twice");
        }
        services.add(s);
      }
      return List.copyOf(services);
    }

    private ServiceConfig service(
        YamlNode node, Map<String, JobConfig> jobs, Map<String, ReplicaConfig> replicas)
        throws ConfigException {
      Map<String, YamlNode> m =
          node.map(
              List.of(
                  "name",
                  "description",
                  "criticality",
                  "tier",
                  "rpo",
                  "rto",
                  "jobs",
                  "replica",
                  "runbook"));
      String name = node.require(m, "name").nonEmptyString().strip();
      String description = YamlNode.optional(m, "description", YamlNode::string).orElse("").strip();
      String criticality =
          YamlNode.optional(
                  m,
                  "criticality",
                  n -> {
                    String c = CRITICALITY.get(n.nonEmptyString().strip().toLowerCase(Locale.ROOT));
                    if (c == null) {
                      throw n.error(
                          "criticality must be low, medium, high or critical (bassa, media, alta,"
                              + " critica)");
                    }
                    return c;
                  })
              .orElse(null);
      int tier = YamlNode.optional(m, "tier", n -> n.integer(1, 4)).orElse(0);
      java.time.Duration rpo = positive(node.require(m, "rpo"));
      java.time.Duration rto = positive(node.require(m, "rto"));
      YamlNode jobsNode = node.require(m, "jobs");
      List<String> serviceJobs = new ArrayList<>();
      for (YamlNode j : jobsNode.items()) {
        String job = j.nonEmptyString();
        if (!jobs.containsKey(job)) {
          throw j.error("unknown job \"" + job + "\"" + known(jobs.keySet()));
        }
        if (serviceJobs.contains(job)) {
          throw j.error("job \"" + job + "\" is listed twice");
        }
        serviceJobs.add(job);
      }
      if (serviceJobs.isEmpty()) {
        throw jobsNode.error("at least one job is required: the jobs whose backups protect it");
      }
      String replica =
          YamlNode.optional(
                  m,
                  "replica",
                  n -> {
                    String r = n.nonEmptyString();
                    if (!replicas.containsKey(r)) {
                      throw n.error("unknown replica \"" + r + "\"" + known(replicas.keySet()));
                    }
                    return r;
                  })
              .orElse(null);
      String runbook = YamlNode.optional(m, "runbook", YamlNode::nonEmptyString).orElse(null);
      return new ServiceConfig(
          name,
          description,
          criticality,
          tier,
          rpo,
          rto,
          List.copyOf(serviceJobs),
          replica,
          runbook);
    }

    private static java.time.Duration positive(YamlNode node) throws ConfigException {
      java.time.Duration d = node.duration();
      if (d.isZero() || d.isNegative()) {
        throw node.error("must be longer than zero, e.g. 4h or 1d");
      }
      return d;
    }

    private KeepConfig keep(YamlNode node) throws ConfigException {
      Map<String, YamlNode> m = node.map(List.of("fulls", "daily", "weekly", "monthly"));
      KeepConfig keep =
          new KeepConfig(
              YamlNode.optional(m, "fulls", n -> n.integer(1, 10_000)).orElse(0),
              YamlNode.optional(m, "daily", n -> n.integer(1, 10_000)).orElse(0),
              YamlNode.optional(m, "weekly", n -> n.integer(1, 10_000)).orElse(0),
              YamlNode.optional(m, "monthly", n -> n.integer(1, 10_000)).orElse(0));
      if (keep.keepsAll()) {
        throw node.error(
            "give at least one of fulls, daily, weekly, monthly (leave keep out to keep every run)");
      }
      return keep;
    }

    private HttpConfig http(YamlNode node) throws ConfigException {
      Map<String, YamlNode> m = node.map(List.of("listen", "token"));
      String listen =
          YamlNode.optional(m, "listen", YamlNode::nonEmptyString).orElse("127.0.0.1:8420");
      int colon = listen.lastIndexOf(':');
      YamlNode where = m.containsKey("listen") ? m.get("listen") : node;
      if (colon <= 0) {
        throw where.error("listen must be HOST:PORT, e.g. 127.0.0.1:8420");
      }
      String host = listen.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(listen.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw where.error("listen must be HOST:PORT with a port from 1 to 65535");
      }
      if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("::1")) {
        warnings.add(
            where.path()
                + " (line "
                + where.line()
                + "): the status endpoint listens beyond this machine on "
                + host
                + "; keep it on loopback behind a proxy unless the network is trusted");
      }
      YamlNode tokenNode = node.require(m, "token");
      Secret token = tokenNode.secret();
      if (token.reveal().strip().length() < 16) {
        throw tokenNode.error("the token must have at least 16 characters");
      }
      return new HttpConfig(host, port, token);
    }

    private LoggingConfig logging(YamlNode node) throws ConfigException {
      Map<String, YamlNode> m = node.map(List.of("json", "maxFileSize", "maxFiles"));
      Path json = node.require(m, "json").path(true);
      long size = YamlNode.optional(m, "maxFileSize", YamlNode::size).orElse(10L << 20);
      int files = YamlNode.optional(m, "maxFiles", n -> n.integer(1, 1000)).orElse(7);
      return new LoggingConfig(json, size, files);
    }

    private VerificationConfig verification(YamlNode node, Path dataDir) throws ConfigException {
      Map<String, YamlNode> m =
          node.map(
              List.of("schedule", "fullCoverageDays", "sampleFiles", "sampleBytes", "scratch"));
      String schedule = YamlNode.optional(m, "schedule", Reader::cron).orElse(null);
      int days =
          YamlNode.optional(m, "fullCoverageDays", n -> n.integer(1, 366))
              .orElse(VerificationConfig.DEFAULT_COVERAGE_DAYS);
      int files =
          YamlNode.optional(m, "sampleFiles", n -> n.integer(0, 100_000))
              .orElse(VerificationConfig.DEFAULT_SAMPLE_FILES);
      long bytes =
          YamlNode.optional(m, "sampleBytes", YamlNode::size)
              .orElse(VerificationConfig.DEFAULT_SAMPLE_BYTES);
      Path scratch =
          YamlNode.optional(m, "scratch", n -> n.path(true)).orElse(dataDir.resolve("scratch"));
      return new VerificationConfig(schedule, days, files, bytes, scratch);
    }

    private ReportsConfig reports(YamlNode node) throws ConfigException {
      Map<String, YamlNode> m = node.map(List.of("schedule", "keepDays", "email"));
      String schedule = YamlNode.optional(m, "schedule", Reader::cron).orElse(null);
      int keep =
          YamlNode.optional(m, "keepDays", n -> n.integer(1, 100_000))
              .orElse(ReportsConfig.DEFAULT_KEEP_DAYS);
      EmailConfig email = YamlNode.optional(m, "email", this::email).orElse(null);
      return new ReportsConfig(schedule, keep, email);
    }

    private EmailConfig email(YamlNode node) throws ConfigException {
      List<String> keys = new ArrayList<>(SmtpSection.KEYS);
      keys.add("to");
      Map<String, YamlNode> m = node.map(keys);
      EmailConfig server = SmtpSection.server(node, m, warnings);
      YamlNode toNode = node.require(m, "to");
      List<String> to = new ArrayList<>();
      for (YamlNode n : toNode.items()) {
        to.add(SmtpSection.address(n));
      }
      if (to.isEmpty()) {
        throw toNode.error("to must list at least one address");
      }
      return server.withTo(to);
    }

    private static String known(java.util.Collection<String> names) {
      return names.isEmpty() ? " (none are defined)" : "; defined: " + String.join(", ", names);
    }

    private static String cron(YamlNode node) throws ConfigException {
      String expression = node.nonEmptyString().trim();
      try {
        CronExpression.validateExpression(expression);
      } catch (ParseException e) {
        throw node.error(
            "invalid cron expression \""
                + expression
                + "\": "
                + e.getMessage()
                + " (Quartz syntax: seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 22 ? * MON-SAT\")");
      }
      return expression;
    }

    private HooksConfig hooks(YamlNode node) throws ConfigException {
      Map<String, YamlNode> m = node.map(List.of("pre", "post", "timeout"));
      List<String> pre = YamlNode.optional(m, "pre", YamlNode::strings).orElse(List.of());
      List<String> post = YamlNode.optional(m, "post", YamlNode::strings).orElse(List.of());
      java.time.Duration timeout =
          YamlNode.optional(m, "timeout", YamlNode::duration).orElse(HooksConfig.NONE.timeout());
      return new HooksConfig(pre, post, timeout);
    }
  }

  /** Parses one named entry of a section. */
  @FunctionalInterface
  private interface NamedParser<T> {
    T parse(String name, YamlNode node) throws ConfigException;
  }

  static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = Files.readString(Path.of("/etc/hostname")).trim();
      } catch (IOException e) {
        h = "continuo";
      }
    }
    int dot = h.indexOf('.');
    return dot > 0 ? h.substring(0, dot) : h;
  }
}
