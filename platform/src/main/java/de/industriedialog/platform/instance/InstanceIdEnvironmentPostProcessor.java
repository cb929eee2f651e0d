package de.industriedialog.platform.instance;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every running instance of a service an id, {@value #PROPERTY}: from
 * {@code INSTANCE_ID} (the pod name in Kubernetes, the replica number in the local stack)
 * or, where none is set, a random one fixed for this process. Read models that every
 * replica keeps in full (the KPI views) consume in a consumer group of their own named
 * after it; a random id is resolved once here because {@code ${random.uuid}} would give
 * every reference another value.
 */
public class InstanceIdEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	public static final String PROPERTY = "industriedialog.instance-id";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty(PROPERTY)) {
			return;
		}
		String fromEnvironment = environment.getProperty("INSTANCE_ID");
		String id = (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment
				: UUID.randomUUID().toString().substring(0, 8);
		environment.getPropertySources()
			.addLast(new MapPropertySource("industriedialogInstanceId", Map.of(PROPERTY, id)));
	}

	@Override
	public int getOrder() {
		// After the configuration files, so that one set there wins.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
