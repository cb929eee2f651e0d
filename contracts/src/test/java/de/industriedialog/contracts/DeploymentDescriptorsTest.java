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

	private static final Pattern VARIABLE_WITH_FALLBACK = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*(:?-|:?\\?)[^}]+}");

	private static final Path ROOT = ModuleFiles.repositoryRoot();

	private static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");

	private static final Path K8S = ROOT.resolve("deploy/k8s");

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
		Map<String, Map<String, Object>> secrets = byName("Secret");
		assertThat(deployments.keySet()).containsExactlyInAnyOrderElementsOf(PORTS.keySet());
		for (String name : PORTS.keySet()) {
			Map<String, Object> podSpec = map(map(map(deployments.get(name), "spec"), "template"), "spec");
			Map<String, Object> labels = map(map(map(map(deployments.get(name), "spec"), "template"), "metadata"),
					"labels");
			Map<String, Object> container = asMap(list(podSpec.get("containers")).get(0));
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
			Set<String> variables = new TreeSet<>();
			for (Object env : list(container.get("env"))) {
				Map<String, Object> variable = asMap(env);
				variables.add((String) variable.get("name"));
				if (variable.containsKey("valueFrom")) {
					Map<String, Object> ref = map(map(variable, "valueFrom"), "secretKeyRef");
					assertThat(secrets).as(name).containsKey((String) ref.get("name"));
					assertThat(map(secrets.get((String) ref.get("name")), "stringData")).as(name)
						.containsKey((String) ref.get("key"));
				}
			}
			assertThat(variables).as(name).contains("MONGODB_URI", "JWT_SECRET");
			Map<String, Object> service = services.get(name);
			assertThat(service).as("Service " + name).isNotNull();
			assertThat(map(service, "spec")).doesNotContainKey("type");
			map(map(service, "spec"), "selector")
				.forEach((key, value) -> assertThat(labels).as(name + " selector").containsEntry(key, value));
		}
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
	void shouldShipOnlyPlaceholderSecrets() throws IOException {
		byName("Secret").forEach((name, secret) -> {
			assertThat(secret).doesNotContainKey("data");
			map(secret, "stringData").forEach((key, value) -> assertThat((String) value).as(key).contains("CHANGE-ME"));
		});
	}

	@Test
	void shouldRenderTheKustomizationWhereKubectlIsInstalled() throws Exception {
		Optional<Path> kubectl = executable("kubectl");
		assumeTrue(kubectl.isPresent(), "kubectl is not installed");
		Result result = run(List.of(kubectl.get().toString(), "kustomize", K8S.toString()));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("kind: Deployment", "namespace: industriedialog");
	}

	// helpers

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
