package de.industriedialog.gateway.invitation;

import org.springframework.data.mongodb.repository.ReactiveMongoRepository;

interface InvitationRepository extends ReactiveMongoRepository<Invitation, String> {

}
