package de.industriedialog.registry.steckbrief;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.repository.MongoRepository;

interface SteckbriefRepository extends MongoRepository<Steckbrief, String> {

	List<Steckbrief> findByContactSubjectKey(String contactSubjectKey);

	List<Steckbrief> findByStatus(SteckbriefStatus status, Sort sort);

}
