package de.industriedialog.gateway.account;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs a blocking call, such as the shared rate limits asking the store with its blocking
 * client, on a worker thread: an event-loop thread serves many connections and must not
 * wait for the store.
 */
public final class OffEventLoop {

	private OffEventLoop() {
	}

	public static <T> Mono<T> offEventLoop(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

	public static Mono<Void> offEventLoop(Runnable run) {
		return Mono.<Void>fromRunnable(run).subscribeOn(Schedulers.boundedElastic());
	}

}
