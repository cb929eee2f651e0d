package de.industriedialog.gateway.account;

import org.springframework.data.mongodb.repository.ReactiveMongoRepository;

interface AccountRepository extends ReactiveMongoRepository<Account, String> {

}
