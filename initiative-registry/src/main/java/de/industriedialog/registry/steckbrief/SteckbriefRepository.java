package de.industriedialog.registry.steckbrief;

import org.springframework.data.mongodb.repository.MongoRepository;

interface SteckbriefRepository extends MongoRepository<Steckbrief, String> {

}
