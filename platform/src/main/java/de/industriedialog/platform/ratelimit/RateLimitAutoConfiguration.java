package de.industriedialog.platform.ratelimit;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The shared {@link RateLimits} for every service with a store. */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnBean(MongoTemplate.class)
public class RateLimitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RateLimits rateLimits(MongoTemplate mongoTemplate, ObjectProvider<Clock> clock) {
		return new RateLimits(mongoTemplate, clock.getIfAvailable(Clock::systemUTC));
	}

}
