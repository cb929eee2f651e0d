package de.industriedialog.events.dialogueevent;

import org.springframework.data.mongodb.repository.MongoRepository;

interface DialogueEventRepository extends MongoRepository<DialogueEvent, String> {

}
