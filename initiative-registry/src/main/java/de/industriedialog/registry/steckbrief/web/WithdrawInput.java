package de.industriedialog.registry.steckbrief.web;

import jakarta.validation.constraints.Size;

/** Why a Steckbrief is withdrawn; optional, carried in {@code SteckbriefWithdrawn}. */
record WithdrawInput(@Size(max = 500, message = "Die Begründung darf höchstens 500 Zeichen lang sein.") String reason) {

}
