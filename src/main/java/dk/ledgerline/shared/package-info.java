/** Money, errors, clock, tenancy: small and stable, used by every module. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dk.ledgerline.shared;
