package de.industriedialog.platform.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.localstack.LocalMongoServer;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service instances on one store over TCP run the same scheduled job at the same
 * moment: the locked method runs on one of them only.
 */
class SchedulerLockIT {

	static final LocalMongoServer server = LocalMongoServer.inMemory();

	static final MongoClient client = MongoClients.create(server.connectionString());

	static final AtomicInteger runs = new AtomicInteger();

	final String database = "locks_" + UUID.randomUUID().toString().substring(0, 8);

	@AfterAll
	static void stopStore() {
		client.close();
		server.close();
	}

	@Test
	void shouldRunALockedJobOnOneReplicaWhenBothStartItAtOnce() throws Exception {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SchedulerLockAutoConfiguration.class))
			.withBean(MongoTemplate.class, () -> new MongoTemplate(client, this.database))
			.withBean(NightlyJob.class);
		List<ConfigurableApplicationContext> replicas = new ArrayList<>();
		runner.run((one) -> runner.run((two) -> {
			replicas.add(one.getSourceApplicationContext());
			replicas.add(two.getSourceApplicationContext());
			ExecutorService pool = Executors.newFixedThreadPool(2);
			List<Future<?>> calls = new ArrayList<>();
			for (ConfigurableApplicationContext replica : replicas) {
				calls.add(pool.submit(() -> replica.getBean(NightlyJob.class).run()));
			}
			for (Future<?> call : calls) {
				call.get(30, TimeUnit.SECONDS);
			}
			pool.shutdown();
		}));
		assertThat(replicas).hasSize(2);
		assertThat(runs).hasValue(1);
	}

	static class NightlyJob {

		@SchedulerLock(name = "nightly", lockAtLeastFor = "1m")
		void run() {
			try {
				// Holds the job while the other replica tries it.
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			runs.incrementAndGet();
		}

	}

}
