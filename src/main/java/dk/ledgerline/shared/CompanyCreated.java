package dk.ledgerline.shared;

import java.time.LocalDate;

/**
 * Published inside the transaction that creates a company, so that every module sets up its part
 * of the new company (chart of accounts, fiscal year, VAT settings) in that same transaction.
 */
public record CompanyCreated(long companyId, int fiscalYearStartMonth, LocalDate today, long createdBy) {}
