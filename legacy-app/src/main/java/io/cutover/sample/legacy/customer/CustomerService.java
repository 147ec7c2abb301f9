package io.cutover.sample.legacy.customer;

import io.cutover.sample.legacy.effects.AuditTrail;
import io.cutover.sample.legacy.problem.ConflictException;
import io.cutover.sample.legacy.problem.UnknownEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;

@ApplicationScoped
public class CustomerService {

    @Inject
    CustomerDao customers;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Transactional
    public Customer create(NewCustomer request) {
        request.validate();
        if (customers.emailTaken(request.email())) {
            throw ConflictException.duplicate("customer", "e-mail", request.email().trim());
        }
        long id = customers.insert(request, clock.instant());
        audit.created("customer", id);
        return get(id);
    }

    @Transactional
    public Customer get(long id) {
        return customers.findById(id).orElseThrow(() -> new UnknownEntityException("customer", id));
    }

    @Transactional
    public CustomerView view(long id) {
        return CustomerView.of(get(id), customers.loyaltyBalance(id));
    }
}
