package de.industriedialog.localstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import de.bwaldvogel.mongo.exception.MongoServerError;
import org.slf4j.Marker;

/**
 * mongo-java-server logs every error reply it sends (duplicate key, unknown command, …)
 * at ERROR with a stack trace, although the client gets the error anyway and often
 * expects it (an idempotent insert that hits a unique index). This drops exactly those;
 * unexpected failures inside the server still get through.
 */
public class QuietMongoErrorsFilter extends TurboFilter {

	/** Where the server logs an error reply (the wire handler in newer versions). */
	private static final java.util.Set<String> HANDLERS = java.util.Set
		.of("de.bwaldvogel.mongo.wire.MongoDatabaseHandler", "de.bwaldvogel.mongo.wire.MongoWireProtocolHandler");

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable throwable) {
		if (logger == null || !HANDLERS.contains(logger.getName()) || format == null
				|| !format.startsWith("failed to handle")) {
			return FilterReply.NEUTRAL;
		}
		Throwable error = throwable;
		if (error == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable t) {
			error = t;
		}
		return (error instanceof MongoServerError) ? FilterReply.DENY : FilterReply.NEUTRAL;
	}

}
