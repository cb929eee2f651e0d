package de.industriedialog.registry.assessment;

import org.springframework.data.mongodb.repository.MongoRepository;

interface SelfAssessmentRepository extends MongoRepository<SelfAssessment, String> {

}
