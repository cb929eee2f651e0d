package de.industriedialog.contracts;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks by reading (no Docker engine, no cluster needed) that
 * {@code docker-compose.yml}, {@code deploy/prometheus}, {@code deploy/grafana} and
 * {@code deploy/k8s} are consistent. Where {@code docker-compose}/{@code docker compose}
 * or {@code kubectl} is installed, they validate the files as well; otherwise those two
 * checks are skipped.
 */
class DeploymentDescriptorsTest {

	/** Service name to its port in docker-compose. */
	private static final Map<String, String> PORTS = Map.of("initiative-registry", "8081", "event-service", "8082",
			"evaluation-service", "8083", "newsletter-service", "8084", "gateway", "8080");

	private static final Map<String, String> DATABASES = Map.of("initiative-registry", "initiative_registry",
			"event-service", "event_service", "evaluation-service", "evaluation_service", "newsletter-service",
			"newsletter_service", "gateway", "gateway");

	private static final Set<String> INFRASTRUCTURE = Set.of("mongo", "kafka", "mailpit");

	private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$(\\{[^}]*}|[A-Za-z_][A-Za-z0-9_]*)");

	// ${VAR:-} is an explicit empty default (an optional setting such as
	// PREVIOUS_LINK_SECRETS); a message after :? must say something.
	private static final Pattern VARIABLE_WITH_FALLBACK = Pattern
		.compile("\\{[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*|:?\\?[^}]+)}");

	private static final Path ROOT = ModuleFiles.repositoryRoot();

	private static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");

	private static final Path K8S = ROOT.resolve("deploy/k8s");

	/** The Secret kustomize generates from deploy/k8s/secrets.env. */
	private static final String SECRET = "industriedialog-secrets";

	/** The services that sign personal links in mails (LINK_SECRET). */
	private static final Set<String> LINK_SIGNERS = Set.of("event-service", "newsletter-service");

	/**
	 * The services holding personal data, which key it by PRIVACY_SUBJECT_KEY (ADR 0015).
	 */
	private static final Set<String> PRIVACY_SUBJECT_KEY_HOLDERS = Set.of("initiative-registry", "event-service",
			"newsletter-service", "gateway");

	/** The services that send mail through the SMTP relay. */
	private static final Set<String> MAILERS = Set.of("gateway", "event-service", "newsletter-service");

	private static final String NAME_LABEL = "app.kubernetes.io/name";

	private static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";

	// docker-compose.yml

	@Test
	void shouldRunTheServicesFromTheirBuildpackImages() {
		Map<String, Object> services = composeServices();
		assertThat(services).containsKeys(INFRASTRUCTURE.toArray(String[]::new))
			.containsKeys(PORTS.keySet().toArray(String[]::new))
			.containsKeys("prometheus", "grafana");
		for (String service : PORTS.keySet()) {
			assertThat(map(services, service)).as(service)
				.containsEntry("image", "industriedialog/" + service + ":latest");
		}
		for (Map.Entry<String, Object> service : services.entrySet()) {
			assertThat(asMap(service.getValue())).as(service.getKey()).containsKey("image").doesNotContainKey("build");
		}
		assertThat(map(services, "mongo").get("image")).isEqualTo("mongo:8");
		assertThat(map(services, "kafka").get("image")).isEqualTo("apache/kafka:4.1.2");
		assertThat((String) map(services, "mailpit").get("image")).startsWith("axllent/mailpit");
	}

	@Test
	void shouldStartTheServicesOnlyOnHealthyInfrastructure() {
		Map<String, Object> services = composeServices();
		for (String infrastructure : INFRASTRUCTURE) {
			assertThat(map(services, infrastructure)).as(infrastructure).containsKey("healthcheck");
		}
		for (String service : PORTS.keySet()) {
			Map<String, Object> definition = map(services, service);
			assertThat(definition).as(service).containsKeys("healthcheck", "restart");
			Map<String, Object> dependsOn = map(definition, "depends_on");
			for (String infrastructure : List.of("mongo", "kafka")) {
				assertThat(map(dependsOn, infrastructure)).as(service + " depends on " + infrastructure)
					.containsEntry("condition", "service_healthy");
			}
		}
		for (Map.Entry<String, Object> service : services.entrySet()) {
			Object dependsOn = asMap(service.getValue()).get("depends_on");
			Iterable<?> targets = (dependsOn instanceof Map<?, ?> m) ? m.keySet()
					: (dependsOn instanceof List<?> l) ? l : List.of();
			targets.forEach(
					(target) -> assertThat(services).as(service.getKey() + " depends on").containsKey((String) target));
		}
	}

	@Test
	void shouldRunMongoAsASingleNodeReplicaSet() {
		Map<String, Object> mongo = map(composeServices(), "mongo");
		assertThat(String.join(" ", strings(mongo.get("command")))).contains("--replSet rs0");
		String healthcheck = String.join(" ", strings(map(mongo, "healthcheck").get("test")));
		assertThat(healthcheck).contains("rs.initiate").contains("_id: 'rs0'").contains("mongo:27017");
	}

	@Test
	void shouldPublishOnlyTheGatewayAndTheMailCatcher() {
		Set<String> publishing = new TreeSet<>();
		composeServices().forEach((name, value) -> {
			Map<String, Object> service = asMap(value);
			if (service.containsKey("ports") && !service.containsKey("profiles")) {
				publishing.add(name);
			}
			if (service.containsKey("profiles") || name.equals("mailpit")) {
				assertThat(strings(service.get("ports"))).as(name + " publishes on localhost only")
					.allSatisfy((port) -> assertThat(port).startsWith("127.0.0.1:"));
			}
		});
		assertThat(publishing).containsExactly("gateway", "mailpit");
		assertThat(strings(map(composeServices(), "gateway").get("ports"))).containsExactly("8080:8080");
		assertThat(strings(map(composeServices(), "mailpit").get("ports"))).containsExactly("127.0.0.1:8025:8025");
	}

	@Test
	void shouldConfigureEveryService() {
		Map<String, Object> services = composeServices();
		for (String service : PORTS.keySet()) {
			Map<String, String> environment = environment(map(services, service));
			assertThat(environment).as(service)
				.containsEntry("SERVER_PORT", PORTS.get(service))
				.containsEntry("MONGODB_URI", "mongodb://mongo:27017/" + DATABASES.get(service) + "?replicaSet=rs0")
				.containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
				.containsEntry("SMTP_HOST", "mailpit")
				.containsEntry("SMTP_PORT", "1025")
				.containsEntry("SPRING_PROFILES_ACTIVE", "docker")
				.containsEntry("THC_PORT", PORTS.get(service))
				.containsEntry("THC_PATH", "/actuator/health/readiness")
				.containsKey("JWT_SECRET");
		}
		assertThat(environment(map(services, "gateway")))
			.containsEntry("REGISTRY_URL", "http://initiative-registry:8081")
			.containsEntry("EVENT_SERVICE_URL", "http://event-service:8082")
			.containsEntry("EVALUATION_URL", "http://evaluation-service:8083")
			.containsEntry("NEWSLETTER_URL", "http://newsletter-service:8084")
			.containsKey("STAFF_PASSWORD");
	}

	@Test
	void shouldGiveEveryVariableADefaultOrAMessage() throws IOException {
		String compose = Files.readString(COMPOSE_FILE);
		List<String> variables = new ArrayList<>();
		for (String line : compose.split("\\R")) {
			if (line.strip().startsWith("#")) {
				continue;
			}
			Matcher matcher = VARIABLE.matcher(line);
			while (matcher.find()) {
				variables.add(matcher.group(1));
			}
		}
		assertThat(variables).as("variables used")
			.isNotEmpty()
			.allSatisfy((variable) -> assertThat(variable).as("${VAR:-default} or ${VAR:?message}")
				.matches(VARIABLE_WITH_FALLBACK));
	}

	@Test
	void shouldKeepDataInNamedVolumesAndMountExistingFiles() {
		Map<String, Object> compose = compose();
		Map<String, Object> declared = map(compose, "volumes");
		assertThat(declared).containsKeys("mongo-data", "kafka-data");
		composeServices().forEach((name, value) -> {
			for (String volume : strings(asMap(value).get("volumes"))) {
				String source = volume.substring(0, volume.indexOf(':'));
				if (source.startsWith(".") || source.startsWith("/")) {
					assertThat(ROOT.resolve(source).normalize()).as(name + " mounts " + source).exists();
				}
				else {
					assertThat(declared).as(name + " uses volume " + source).containsKey(source);
				}
			}
		});
		assertThat(strings(map(composeServices(), "mongo").get("volumes"))).anyMatch((v) -> v.endsWith(":/data/db"));
		assertThat(strings(map(composeServices(), "kafka").get("volumes")))
			.anyMatch((v) -> v.endsWith(":/var/lib/kafka/data"));
	}

	@Test
	void shouldScrapeEveryServiceWithPrometheus() throws IOException {
		Map<String, Object> prometheus = yaml(ROOT.resolve("deploy/prometheus/prometheus.yml"));
		List<Object> scrapeConfigs = list(prometheus.get("scrape_configs"));
		Set<String> targets = new TreeSet<>();
		for (Object scrapeConfig : scrapeConfigs) {
			assertThat(asMap(scrapeConfig)).containsEntry("metrics_path", "/actuator/prometheus");
			for (Object staticConfig : list(asMap(scrapeConfig).get("static_configs"))) {
				targets.addAll(strings(asMap(staticConfig).get("targets")));
			}
		}
		PORTS.forEach((service, port) -> assertThat(targets).contains(service + ":" + port));
		assertThat(map(composeServices(), "prometheus")).containsEntry("profiles", List.of("observability"));
		assertThat(map(composeServices(), "grafana")).containsEntry("profiles", List.of("observability"));
	}

	@Test
	void shouldProvisionGrafanaWithThePrometheusDatasource() throws IOException {
		Map<String, Object> datasources = yaml(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
		assertThat(list(datasources.get("datasources"))).singleElement()
			.satisfies((datasource) -> assertThat(asMap(datasource)).containsEntry("type", "prometheus")
				.containsEntry("url", "http://prometheus:9090"));
		Map<String, Object> dashboards = yaml(
				ROOT.resolve("deploy/grafana/provisioning/dashboards/industriedialog.yml"));
		String dashboardPath = (String) asMap(asMap(list(dashboards.get("providers")).get(0)).get("options"))
			.get("path");
		assertThat(strings(map(composeServices(), "grafana").get("volumes")))
			.contains("./deploy/grafana/dashboards:" + dashboardPath + ":ro");
		try (Stream<Path> files = Files.list(ROOT.resolve("deploy/grafana/dashboards"))) {
			List<Path> jsonFiles = files.filter((file) -> file.toString().endsWith(".json")).toList();
			assertThat(jsonFiles).isNotEmpty();
			for (Path file : jsonFiles) {
				assertThat(new ObjectMapper().readTree(file.toFile()).path("panels").size()).as(file.toString())
					.isPositive();
			}
		}
	}

	@Test
	void shouldPassDockerComposeConfigWhereDockerComposeIsInstalled() throws Exception {
		List<String> command;
		if (executable("docker-compose").isPresent()) {
			command = new ArrayList<>(List.of(executable("docker-compose").get().toString()));
		}
		else if (executable("docker").isPresent()
				&& run(List.of(executable("docker").get().toString(), "compose", "version")).exitCode() == 0) {
			command = new ArrayList<>(List.of(executable("docker").get().toString(), "compose"));
		}
		else {
			command = null;
		}
		assumeTrue(command != null, "neither docker-compose nor the docker compose plugin is installed");
		command.addAll(List.of("--profile", "observability", "-f", COMPOSE_FILE.toString(), "config", "-q"));
		Result result = run(command);
		assertThat(result.exitCode()).as(String.join(" ", command) + ":\n" + result.output()).isZero();
	}

	// deploy/k8s

	@Test
	void shouldParseEveryKubernetesManifest() throws IOException {
		List<Map<String, Object>> documents = k8sDocuments();
		assertThat(documents).isNotEmpty().allSatisfy((document) -> {
			assertThat(document).containsKeys("apiVersion", "kind");
			if (!"Kustomization".equals(document.get("kind"))) {
				assertThat(asMap(document.get("metadata"))).as(document.get("kind").toString())
					.containsKey("name")
					.extractingByKey("name")
					.asString()
					.isNotBlank();
			}
		});
	}

	@Test
	void shouldListEveryManifestInTheKustomization() throws IOException {
		Map<String, Object> kustomization = yaml(K8S.resolve("kustomization.yaml"));
		Set<String> files = new TreeSet<>();
		for (Path file : k8sFiles()) {
			files.add(file.getFileName().toString());
		}
		files.remove("kustomization.yaml");
		assertThat(new TreeSet<>(strings(kustomization.get("resources")))).isEqualTo(files);
	}

	@Test
	void shouldProbeSizeAndConfigureEveryDeployment() throws IOException {
		Map<String, Map<String, Object>> deployments = byName("Deployment");
		Map<String, Map<String, Object>> services = byName("Service");
		Set<String> configMaps = byName("ConfigMap").keySet();
		Set<String> secretKeys = exampleSecrets().keySet();
		assertThat(deployments.keySet()).containsExactlyInAnyOrderElementsOf(PORTS.keySet());
		for (String name : PORTS.keySet()) {
			Map<String, Object> labels = podLabels(deployments.get(name));
			Map<String, Object> container = container(deployments.get(name));
			assertThat(container.get("image")).isEqualTo("industriedialog/" + name + ":latest");
			assertThat(map(map(container, "readinessProbe"), "httpGet")).as(name)
				.containsEntry("path", "/actuator/health/readiness");
			assertThat(map(map(container, "livenessProbe"), "httpGet")).as(name)
				.containsEntry("path", "/actuator/health/liveness");
			Map<String, Object> resources = map(container, "resources");
			assertThat(map(resources, "requests")).as(name).containsKeys("cpu", "memory");
			assertThat(map(resources, "limits")).as(name).containsKey("memory");
			for (Object envFrom : list(container.get("envFrom"))) {
				assertThat(configMaps).as(name).contains((String) map(asMap(envFrom), "configMapRef").get("name"));
			}
			secretRefs(container).forEach((variable, ref) -> {
				// The generated Secret (kustomization.yaml); kustomize appends its hash.
				assertThat(ref).as(name + " " + variable).containsEntry("name", SECRET);
				assertThat(secretKeys).as(name + " " + variable + " in secrets.env.example")
					.contains((String) ref.get("key"));
			});
			assertThat(environmentNames(container)).as(name).contains("MONGODB_URI", "JWT_SECRET");
			Map<String, Object> instanceId = variable(container, "INSTANCE_ID");
			assertThat(map(map(instanceId, "valueFrom"), "fieldRef")).as(name + " INSTANCE_ID is the pod name")
				.containsEntry("fieldPath", "metadata.name");
			Map<String, Object> service = services.get(name);
			assertThat(service).as("Service " + name).isNotNull();
			assertThat(map(service, "spec")).doesNotContainKey("type");
			map(map(service, "spec"), "selector")
				.forEach((key, value) -> assertThat(labels).as(name + " selector").containsEntry(key, value));
		}
	}

	@Test
	void shouldServeActuatorOnlyOnTheManagementPort() throws IOException {
		Map<String, Object> config = map(byName("ConfigMap").get("industriedialog-config"), "data");
		assertThat(config).containsEntry("SERVER_PORT", "8080").containsEntry("MANAGEMENT_SERVER_PORT", "8081");
		Map<String, Map<String, Object>> services = byName("Service");
		byName("Deployment").forEach((name, deployment) -> {
			Map<String, Object> container = container(deployment);
			Map<String, Object> ports = new LinkedHashMap<>();
			for (Object port : list(container.get("ports"))) {
				ports.put((String) asMap(port).get("name"), asMap(port).get("containerPort"));
			}
			assertThat(ports).as(name).containsEntry("http", 8080).containsEntry("management", 8081);
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				assertThat(map(map(container, probe), "httpGet")).as(name + " " + probe)
					.containsEntry("port", "management");
			}
			assertThat(map(map(map(deployment, "spec"), "template"), "metadata").get("annotations")).as(name)
				.isEqualTo(Map.of("prometheus.io/scrape", "true", "prometheus.io/path", "/actuator/prometheus",
						"prometheus.io/port", "8081"));
			// The Service (and so the Ingress) leads to the application port only.
			assertThat(list(map(services.get(name), "spec").get("ports"))).as(name)
				.allSatisfy((port) -> assertThat(asMap(port)).containsEntry("targetPort", "http"));
		});
	}

	@Test
	void shouldBootstrapTheStaffAccountAndGiveTheLinkKeyToTheMailingServicesOnly() throws IOException {
		Map<String, Map<String, Object>> deployments = byName("Deployment");
		Map<String, Map<String, Object>> gateway = secretRefs(container(deployments.get("gateway")));
		assertThat(gateway).containsKeys("STAFF_EMAIL", "STAFF_PASSWORD");
		assertThat(gateway.get("STAFF_EMAIL")).containsEntry("key", "STAFF_EMAIL").doesNotContainKey("optional");
		assertThat(gateway.get("STAFF_PASSWORD")).containsEntry("key", "STAFF_PASSWORD").doesNotContainKey("optional");
		for (String name : PORTS.keySet()) {
			Map<String, Map<String, Object>> refs = secretRefs(container(deployments.get(name)));
			if (LINK_SIGNERS.contains(name)) {
				assertThat(refs.get("LINK_SECRET")).as(name)
					.containsEntry("key", "LINK_SECRET")
					.doesNotContainKey("optional");
				assertThat(refs.get("PREVIOUS_LINK_SECRETS")).as(name)
					.containsEntry("key", "PREVIOUS_LINK_SECRETS")
					.containsEntry("optional", true);
			}
			else {
				// Whoever holds the link key can sign personal links.
				assertThat(refs).as(name).doesNotContainKeys("LINK_SECRET", "PREVIOUS_LINK_SECRETS");
			}
			if (PRIVACY_SUBJECT_KEY_HOLDERS.contains(name)) {
				// Required: a service holding personal data refuses to start without it.
				assertThat(refs.get("PRIVACY_SUBJECT_KEY")).as(name)
					.containsEntry("key", "PRIVACY_SUBJECT_KEY")
					.doesNotContainKey("optional");
			}
		}
	}

	@Test
	void shouldShipNoSecretValues() throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(K8S)) {
			files = walk.filter((file) -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
		for (Path file : files) {
			try (Reader reader = Files.newBufferedReader(file)) {
				for (Object document : newYaml().loadAll(reader)) {
					if (document instanceof Map<?, ?> manifest && "Secret".equals(manifest.get("kind"))) {
						assertThat(asMap(manifest)).as(file.toString()).doesNotContainKeys("data", "stringData");
					}
				}
			}
		}
		exampleSecrets().forEach((key, value) -> assertThat(value).as(key + " in secrets.env.example").isEmpty());
	}

	@Test
	void shouldGenerateTheSecretFromAGitIgnoredFile() throws IOException {
		Map<String, Object> kustomization = yaml(K8S.resolve("kustomization.yaml"));
		assertThat(list(kustomization.get("secretGenerator"))).singleElement().satisfies((generator) -> {
			assertThat(asMap(generator)).containsEntry("name", SECRET).containsEntry("envs", List.of("secrets.env"));
			assertThat(asMap(generator)).doesNotContainKeys("literals", "files");
		});
		assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains("/deploy/k8s/secrets.env");
		Set<String> referenced = new TreeSet<>();
		for (Map<String, Object> deployment : byName("Deployment").values()) {
			secretRefs(container(deployment)).values().forEach((ref) -> referenced.add((String) ref.get("key")));
		}
		assertThat(exampleSecrets().keySet()).containsAll(referenced)
			.contains("JWT_SECRET", "LINK_SECRET", "PREVIOUS_LINK_SECRETS", "PRIVACY_SUBJECT_KEY", "STAFF_EMAIL",
					"STAFF_PASSWORD");
		assertThat(referenced).as("keys used by a Deployment").containsAll(exampleSecrets().keySet());
	}

	@Test
	void shouldIsolateThePodsByDefault() throws IOException {
		Map<String, Object> defaultDeny = map(byName("NetworkPolicy").get("default-deny"), "spec");
		assertThat(defaultDeny).containsEntry("podSelector", Map.of())
			.containsEntry("policyTypes", List.of("Ingress", "Egress"))
			.doesNotContainKeys("ingress", "egress");
	}

	@Test
	void shouldAdmitOnlyTheGatewayToTheServices() throws IOException {
		Map<String, Map<String, Object>> deployments = byName("Deployment");
		for (String name : PORTS.keySet()) {
			List<Map<String, Object>> rules = rules(podLabels(deployments.get(name)), "Ingress", "ingress");
			assertThat(rules).as(name)
				.isNotEmpty()
				.allSatisfy((rule) -> assertThat(rule).as(name + ": a rule without ports or peers admits everyone")
					.containsKeys("ports", "from"));
			List<Object> application = peers(rules, 8080, "from");
			if (name.equals("gateway")) {
				assertThat(application).as(name)
					.containsExactly(Map.of("namespaceSelector",
							Map.of("matchLabels", Map.of(NAMESPACE_LABEL, "ingress-nginx"))));
			}
			else {
				assertThat(application).as(name)
					.isNotEmpty()
					.containsOnly(Map.of("podSelector", Map.of("matchLabels", Map.of(NAME_LABEL, "gateway"))));
			}
			assertThat(peers(rules, 8081, "from")).as(name + " on 8081")
				.isNotEmpty()
				.containsOnly(
						Map.of("namespaceSelector", Map.of("matchLabels", Map.of(NAMESPACE_LABEL, "monitoring"))));
			assertThat(ports(rules)).as(name).containsExactly(8080, 8081);
		}
		assertThat(map(byName("Ingress").get("gateway"), "spec")).as("the controller in namespace ingress-nginx")
			.containsEntry("ingressClassName", "nginx");
	}

	@Test
	void shouldLetThePodsReachOnlyWhatTheyUse() throws IOException {
		Map<String, Map<String, Object>> deployments = byName("Deployment");
		for (String name : PORTS.keySet()) {
			List<Map<String, Object>> rules = rules(podLabels(deployments.get(name)), "Egress", "egress");
			assertThat(rules).as(name)
				.allSatisfy((rule) -> assertThat(rule).as(name + ": a rule without ports allows every port")
					.containsKey("ports"));
			assertThat(peers(rules, 53, "to")).as(name + " DNS").isNotEmpty().containsOnly(namespace("kube-system"));
			assertThat(peers(rules, 27017, "to")).as(name + " MongoDB").isNotEmpty().containsOnly(namespace("mongodb"));
			Set<Integer> expected = new TreeSet<>(List.of(53, 27017));
			// Every pod talks to Kafka (the gateway for the privacy requests, ADR 0015).
			expected.add(9092);
			assertThat(peers(rules, 9092, "to")).as(name + " Kafka").isNotEmpty().containsOnly(namespace("kafka"));
			if (name.equals("gateway")) {
				expected.add(8080);
				assertThat(peers(rules, 8080, "to")).singleElement().satisfies((peer) -> {
					Map<String, Object> selector = map(asMap(peer), "podSelector");
					for (String service : PORTS.keySet()) {
						assertThat(selects(selector, podLabels(deployments.get(service)))).as("gateway to " + service)
							.isEqualTo(!service.equals("gateway"));
					}
				});
			}
			if (MAILERS.contains(name)) {
				expected.add(587);
			}
			assertThat(ports(rules)).as(name).isEqualTo(expected);
		}
		assertThat(map(byName("ConfigMap").get("industriedialog-config"), "data")).containsEntry("SMTP_PORT", "587")
			.containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka-bootstrap.kafka.svc:9092");
	}

	@Test
	void shouldRouteTheIngressOnlyToTheGateway() throws IOException {
		Map<String, Map<String, Object>> ingresses = byName("Ingress");
		assertThat(ingresses).isNotEmpty();
		assertThat(ingresses.values().toString()).contains("name=gateway")
			.doesNotContain("name=initiative-registry", "name=event-service", "name=evaluation-service",
					"name=newsletter-service");
	}

	@Test
	void shouldKeepTheConsumersAutoscaledWithinThePartitionCount() throws IOException {
		Map<String, Map<String, Object>> autoscalers = byName("HorizontalPodAutoscaler");
		assertThat(autoscalers).containsOnlyKeys("gateway", "event-service", "evaluation-service");
		Map<String, Object> asyncApi;
		try (Reader reader = Files.newBufferedReader(ModuleFiles.asyncApi())) {
			asyncApi = asMap(newYaml().load(reader));
		}
		int partitions = (Integer) map(map(map(map(asyncApi, "channels"), "initiatives"), "bindings"), "kafka")
			.get("partitions");
		autoscalers.forEach((name, hpa) -> {
			assertThat(map(map(hpa, "spec"), "scaleTargetRef")).containsEntry("kind", "Deployment")
				.containsEntry("name", name);
			if (!name.equals("gateway")) {
				assertThat((Integer) map(hpa, "spec").get("maxReplicas")).as(name).isLessThanOrEqualTo(partitions);
			}
		});
	}

	@Test
	void shouldRenderTheKustomizationOnlyWithSecretsWhereKubectlIsInstalled(@TempDir Path temp) throws Exception {
		Optional<Path> kubectl = executable("kubectl");
		assumeTrue(kubectl.isPresent(), "kubectl is not installed");
		// A copy, so that an operator's own secrets.env in the working tree changes
		// nothing.
		Path copy = temp.resolve("k8s");
		Files.createDirectories(copy);
		for (Path file : k8sFiles()) {
			Files.copy(file, copy.resolve(file.getFileName()));
		}
		Files.copy(K8S.resolve("secrets.env.example"), copy.resolve("secrets.env.example"));
		Result withoutSecrets = run(List.of(kubectl.get().toString(), "kustomize", copy.toString()));
		assertThat(withoutSecrets.exitCode()).as(withoutSecrets.output()).isNotZero();
		assertThat(withoutSecrets.output()).contains("secrets.env");

		StringBuilder secrets = new StringBuilder();
		exampleSecrets().keySet()
			.forEach((key) -> secrets.append(key).append("=rendering-only-").append(key).append('\n'));
		Files.writeString(copy.resolve("secrets.env"), secrets);
		Result result = run(List.of(kubectl.get().toString(), "kustomize", copy.toString()));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("kind: Deployment", "kind: NetworkPolicy", "namespace: industriedialog");
		Matcher generated = Pattern.compile("name: (" + SECRET + "-[a-z0-9]+)\\n").matcher(result.output());
		assertThat(generated.find()).as("generated Secret with a content hash").isTrue();
		// kustomize points every secretKeyRef at the hashed name.
		assertThat(result.output()).doesNotContainPattern("name: " + SECRET + "\\n");
		assertThat(Pattern.compile("name: " + generated.group(1) + "\\n").matcher(result.output()).results().count())
			.as("the Secret and the references to it")
			.isGreaterThan(5);
	}

	// helpers

	/** The keys and values of secrets.env.example. */
	private static Map<String, String> exampleSecrets() throws IOException {
		Map<String, String> secrets = new LinkedHashMap<>();
		for (String line : Files.readAllLines(K8S.resolve("secrets.env.example"))) {
			if (line.isBlank() || line.strip().startsWith("#")) {
				continue;
			}
			assertThat(line).as("KEY=value").contains("=");
			secrets.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
		}
		return secrets;
	}

	private static Map<String, Object> container(Map<String, Object> deployment) {
		Map<String, Object> podSpec = map(map(map(deployment, "spec"), "template"), "spec");
		return asMap(list(podSpec.get("containers")).get(0));
	}

	private static Map<String, Object> podLabels(Map<String, Object> deployment) {
		return map(map(map(map(deployment, "spec"), "template"), "metadata"), "labels");
	}

	private static Set<String> environmentNames(Map<String, Object> container) {
		Set<String> names = new TreeSet<>();
		for (Object env : list(container.get("env"))) {
			names.add((String) asMap(env).get("name"));
		}
		return names;
	}

	private static Map<String, Object> variable(Map<String, Object> container, String name) {
		for (Object env : list(container.get("env"))) {
			if (name.equals(asMap(env).get("name"))) {
				return asMap(env);
			}
		}
		throw new AssertionError(name + " is not set in " + container.get("name"));
	}

	/** Environment variable name to its secretKeyRef. */
	private static Map<String, Map<String, Object>> secretRefs(Map<String, Object> container) {
		Map<String, Map<String, Object>> refs = new LinkedHashMap<>();
		for (Object env : list(container.get("env"))) {
			Map<String, Object> variable = asMap(env);
			if (variable.get("valueFrom") instanceof Map<?, ?> valueFrom && valueFrom.containsKey("secretKeyRef")) {
				refs.put((String) variable.get("name"), asMap(valueFrom.get("secretKeyRef")));
			}
		}
		return refs;
	}

	/**
	 * The rules of every NetworkPolicy of this type that selects pods with these labels.
	 */
	private static List<Map<String, Object>> rules(Map<String, Object> labels, String policyType, String rulesKey)
			throws IOException {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> policy : byName("NetworkPolicy").values()) {
			Map<String, Object> spec = map(policy, "spec");
			if (strings(spec.get("policyTypes")).contains(policyType) && selects(map(spec, "podSelector"), labels)
					&& spec.get(rulesKey) != null) {
				list(spec.get(rulesKey)).forEach((rule) -> rules.add(asMap(rule)));
			}
		}
		return rules;
	}

	/**
	 * The peers of the rules that open this port; a rule without peers opens it to all.
	 */
	private static List<Object> peers(List<Map<String, Object>> rules, int port, String peersKey) {
		List<Object> peers = new ArrayList<>();
		for (Map<String, Object> rule : rules) {
			if (rule.get("ports") instanceof List<?> rulePorts
					&& rulePorts.stream().anyMatch((candidate) -> port(candidate) == port)) {
				peers.addAll((rule.get(peersKey) != null) ? list(rule.get(peersKey)) : List.of("anyone"));
			}
		}
		return peers;
	}

	private static Set<Integer> ports(List<Map<String, Object>> rules) {
		Set<Integer> ports = new TreeSet<>();
		rules.forEach((rule) -> list(rule.get("ports")).forEach((port) -> ports.add(port(port))));
		return ports;
	}

	private static int port(Object port) {
		Object number = asMap(port).get("port");
		assertThat(number).as("numeric port in " + port).isInstanceOf(Integer.class);
		return (Integer) number;
	}

	private static Map<String, Object> namespace(String name) {
		return Map.of("namespaceSelector", Map.of("matchLabels", Map.of(NAMESPACE_LABEL, name)));
	}

	/** Whether a label selector (matchLabels, matchExpressions) selects these labels. */
	private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
		if (selector.get("matchLabels") instanceof Map<?, ?> matchLabels) {
			for (Map.Entry<?, ?> entry : matchLabels.entrySet()) {
				if (!entry.getValue().equals(labels.get(entry.getKey()))) {
					return false;
				}
			}
		}
		Object expressions = selector.get("matchExpressions");
		for (Object expression : (expressions != null) ? list(expressions) : List.of()) {
			Map<String, Object> requirement = asMap(expression);
			Object value = labels.get(requirement.get("key"));
			List<String> values = strings(requirement.get("values"));
			boolean matches = switch ((String) requirement.get("operator")) {
				case "In" -> value != null && values.contains(value);
				case "NotIn" -> value == null || !values.contains(value);
				case "Exists" -> value != null;
				case "DoesNotExist" -> value == null;
				default -> throw new AssertionError("unknown operator in " + requirement);
			};
			if (!matches) {
				return false;
			}
		}
		return true;
	}

	private static Map<String, Object> compose() {
		try {
			return yaml(COMPOSE_FILE);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> composeServices() {
		return map(compose(), "services");
	}

	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, String> environment = new LinkedHashMap<>();
		Object value = service.get("environment");
		if (value instanceof Map<?, ?> map) {
			map.forEach((k, v) -> environment.put(k.toString(), String.valueOf(v)));
		}
		else {
			for (String entry : strings(value)) {
				int equals = entry.indexOf('=');
				environment.put(entry.substring(0, equals), entry.substring(equals + 1));
			}
		}
		return environment;
	}

	private static List<Path> k8sFiles() throws IOException {
		try (Stream<Path> files = Files.list(K8S)) {
			return files.filter((file) -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
	}

	private static List<Map<String, Object>> k8sDocuments() throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Path file : k8sFiles()) {
			try (Reader reader = Files.newBufferedReader(file)) {
				for (Object document : newYaml().loadAll(reader)) {
					if (document != null) {
						assertThat(document).as(file.toString()).isInstanceOf(Map.class);
						documents.add(asMap(document));
					}
				}
			}
		}
		return documents;
	}

	private static Map<String, Map<String, Object>> byName(String kind) throws IOException {
		Map<String, Map<String, Object>> result = new LinkedHashMap<>();
		for (Map<String, Object> document : k8sDocuments()) {
			if (kind.equals(document.get("kind"))) {
				String name = (String) map(document, "metadata").get("name");
				assertThat(result).as("duplicate " + kind + " " + name).doesNotContainKey(name);
				result.put(name, document);
			}
		}
		return result;
	}

	private static Yaml newYaml() {
		return new Yaml(new SafeConstructor(new LoaderOptions()));
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return asMap(newYaml().load(reader));
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return asMap(parent.get(key));
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Object>) value;
	}

	private static List<String> strings(Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof String string) {
			return List.of(string);
		}
		return list(value).stream().map(String::valueOf).toList();
	}

	private static Optional<Path> executable(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String dir : path.split(File.pathSeparator)) {
			Path candidate = Path.of(dir, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static Result run(List<String> command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
		// The secrets compose requires, as an operator would set them in .env.
		builder.environment().put("JWT_SECRET", "validation-only-secret-of-at-least-32-bytes");
		builder.environment().put("STAFF_PASSWORD", "validation-only");
		builder.environment().put("LINK_SECRET", "validation-only-link-key-of-at-least-32-bytes");
		builder.environment().put("PRIVACY_SUBJECT_KEY", "validation-only-subject-key-of-at-least-32-bytes");
		Process process = builder.start();
		process.getOutputStream().close();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(command + " did not finish in 120 s");
		}
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String output) {
	}

}
