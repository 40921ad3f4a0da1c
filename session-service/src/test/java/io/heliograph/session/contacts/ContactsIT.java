package io.heliograph.session.contacts;

import io.heliograph.session.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.session.SessionApplication;
import io.heliograph.session.SessionRpcClient;
import io.heliograph.session.SessionRpcClient.Device;
import io.heliograph.testsupport.RealInfrastructure;
import io.heliograph.tl.api.AccountUpdateStatus;
import io.heliograph.tl.api.AccountUpdateUsername;
import io.heliograph.tl.api.AuthAuthorization;
import io.heliograph.tl.api.AuthAuthorizationSignUpRequired;
import io.heliograph.tl.api.AuthSendCode;
import io.heliograph.tl.api.AuthSentCode;
import io.heliograph.tl.api.AuthSignIn;
import io.heliograph.tl.api.AuthSignUp;
import io.heliograph.tl.api.CodeSettings;
import io.heliograph.tl.api.Contact;
import io.heliograph.tl.api.ContactsContacts;
import io.heliograph.tl.api.ContactsContactsNotModified;
import io.heliograph.tl.api.ContactsDeleteContacts;
import io.heliograph.tl.api.ContactsFound;
import io.heliograph.tl.api.ContactsGetContacts;
import io.heliograph.tl.api.ContactsImportContacts;
import io.heliograph.tl.api.ContactsImportedContacts;
import io.heliograph.tl.api.ContactsResolvePhone;
import io.heliograph.tl.api.ContactsResolvedPeer;
import io.heliograph.tl.api.ContactsSearch;
import io.heliograph.tl.api.ImportedContact;
import io.heliograph.tl.api.InputPhoneContact;
import io.heliograph.tl.api.InputUser;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TInputContact;
import io.heliograph.tl.api.TUserStatus;
import io.heliograph.tl.api.Updates;
import io.heliograph.tl.api.User;
import io.heliograph.tl.api.UserStatusOffline;
import io.heliograph.tl.api.UserStatusOnline;
import io.heliograph.tl.api.UserStatusRecently;
import io.heliograph.tl.api.UsersGetUsers;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Contacts and presence over {@code POST /internal/rpc} against the real Cassandra, as DC 2 of a two-DC platform:
 * two users signed up with fresh numbers import each other, list, resolve, search and delete; one reports its status
 * and the other sees it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + SessionApplication.SERVICE,
                "spring.application.name=" + SessionApplication.SERVICE,
                "heliograph.dc=2", "heliograph.session.dcs.ids=1,2"})
@AutoConfigureWebTestClient
@RealInfrastructure
@org.springframework.context.annotation.Import(MovableClock.Config.class)
class ContactsIT {

    static final SecureRandom RANDOM = new SecureRandom();


    @Autowired
    WebTestClient web;

    @Autowired
    MovableClock clock;

    /** A fresh number homed in DC 2 (+44), so every run starts without contacts. */
    static String dc2Phone() {
        return "+44 78" + String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    static String digits(String phone) {
        return phone.replace(" ", "").replace("+", "");
    }

    User signUp(Device device, String phone, String first, String last) {
        AuthSentCode sent = (AuthSentCode) device.call(new AuthSendCode(phone, 2040, "b18441a1ff607e10a989891a5462e627",
                new CodeSettings(false, false, false, false, false, false, null, null, null))).ok();
        Map<?, ?> code = web.get().uri("/operator/login-codes/{phone}", digits(phone)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(device.call(new AuthSignIn(phone, sent.phoneCodeHash(), (String) code.get("code"), null)).ok())
                .isInstanceOf(AuthAuthorizationSignUpRequired.class);
        return (User) ((AuthAuthorization) device.call(new AuthSignUp(false, phone, sent.phoneCodeHash(), first, last))
                .ok()).user();
    }

    static TInputContact contact(long clientId, String phone, String first, String last) {
        return new InputPhoneContact(clientId, phone, first, last, null);
    }

    @Test
    void importListResolveSearchAndDelete() {
        SessionRpcClient rpc = new SessionRpcClient(web, 2);
        String alicePhone = dc2Phone();
        String bobPhone = dc2Phone();
        Device aliceDevice = rpc.newDevice("Alice's laptop");
        Device bobDevice = rpc.newDevice("Bob's phone");
        User alice = signUp(aliceDevice, alicePhone, "Alice", "Tester");
        User bob = signUp(bobDevice, bobPhone, "Bob", "Tester");

        // hostile names are refused before anything is written
        aliceDevice.call(new ContactsImportContacts(List.of(contact(1, bobPhone, "\u202Eevil", ""))))
                .isError(400, "FIRSTNAME_INVALID");
        aliceDevice.call(new ContactsImportContacts(List.of(contact(1, bobPhone, "Bob", "x".repeat(65)))))
                .isError(400, "LASTNAME_INVALID");
        assertThat(((ContactsContacts) aliceDevice.call(new ContactsGetContacts(0)).ok()).contacts()).isEmpty();

        // more than 500 in one call: the rest is to be retried
        List<TInputContact> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(contact(1000 + i, "12ab", "Nobody", ""));
        }
        many.add(contact(9999, bobPhone, "Bobby", "Builder"));
        ContactsImportedContacts tooMany = (ContactsImportedContacts) aliceDevice.call(
                new ContactsImportContacts(many)).ok();
        assertThat(tooMany.imported()).isEmpty();
        assertThat(tooMany.retryContacts()).containsExactly(9999L);
        assertThat(((ContactsContacts) aliceDevice.call(new ContactsGetContacts(0)).ok()).contacts()).isEmpty();

        ContactsImportedContacts imported = (ContactsImportedContacts) aliceDevice.call(new ContactsImportContacts(
                List.of(contact(7, bobPhone, "Bobby", "Builder"), contact(8, "12ab", "Bad", ""),
                        contact(9, dc2Phone(), "Nobody", ""), contact(10, alicePhone, "Me", "")))).ok();
        System.out.println("imported: " + imported);
        assertThat(imported.imported()).containsExactly(new ImportedContact(bob.id(), 7));
        assertThat(imported.retryContacts()).isEmpty();
        User bobForAlice = (User) imported.users().get(0);
        assertThat(imported.users()).hasSize(1);
        assertThat(bobForAlice.contact()).isTrue();
        assertThat(bobForAlice.mutualContact()).isFalse();
        assertThat(bobForAlice.firstName()).isEqualTo("Bobby");
        assertThat(bobForAlice.lastName()).isEqualTo("Builder");
        assertThat(bobForAlice.phone()).isEqualTo(digits(bobPhone));
        assertThat(bobForAlice.accessHash()).isNotEqualTo(bob.accessHash());

        ContactsContacts list = (ContactsContacts) aliceDevice.call(new ContactsGetContacts(0)).ok();
        assertThat(list.contacts()).containsExactly(new Contact(bob.id(), false));
        assertThat(list.savedCount()).isZero();
        long hash = ContactsHash.of(0, List.of(bob.id()));
        assertThat(aliceDevice.call(new ContactsGetContacts(hash)).ok()).isInstanceOf(ContactsContactsNotModified.class);
        assertThat(aliceDevice.call(new ContactsGetContacts(hash ^ 1)).ok()).isInstanceOf(ContactsContacts.class);

        // Bob imports Alice: both sides are mutual now
        ContactsImportedContacts back = (ContactsImportedContacts) bobDevice.call(new ContactsImportContacts(
                List.of(contact(1, alicePhone, "Alice", "Tester")))).ok();
        assertThat(((User) back.users().get(0)).mutualContact()).isTrue();
        list = (ContactsContacts) aliceDevice.call(new ContactsGetContacts(0)).ok();
        assertThat(list.contacts()).containsExactly(new Contact(bob.id(), true));
        assertThat(((User) list.users().get(0)).mutualContact()).isTrue();
        assertThat(aliceDevice.call(new ContactsGetContacts(hash)).ok())
                .as("the hash covers the ids only").isInstanceOf(ContactsContactsNotModified.class);

        // resolvePhone
        ContactsResolvedPeer resolved = (ContactsResolvedPeer) aliceDevice.call(new ContactsResolvePhone(bobPhone)).ok();
        assertThat(resolved.peer()).isEqualTo(new PeerUser(bob.id()));
        assertThat(((User) resolved.users().get(0)).accessHash()).isEqualTo(bobForAlice.accessHash());
        assertThat(((User) resolved.users().get(0)).contact()).isTrue();
        aliceDevice.call(new ContactsResolvePhone(dc2Phone())).isError(400, "PHONE_NOT_OCCUPIED");
        aliceDevice.call(new ContactsResolvePhone("12ab")).isError(400, "PHONE_NUMBER_INVALID");

        // search: saved names of contacts, usernames by prefix
        String username = "hgct" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        bobDevice.call(new AccountUpdateUsername(username)).ok();
        ContactsFound byName = (ContactsFound) aliceDevice.call(new ContactsSearch(false, false, "bob", 10)).ok();
        assertThat(byName.myResults()).containsExactly(new PeerUser(bob.id()));
        assertThat(byName.results()).doesNotContain(new PeerUser(bob.id()));
        ContactsFound byLastName = (ContactsFound) aliceDevice.call(new ContactsSearch(false, false, "build", 10)).ok();
        assertThat(byLastName.myResults()).containsExactly(new PeerUser(bob.id()));
        ContactsFound byUsername = (ContactsFound) aliceDevice.call(new ContactsSearch(false, false,
                "@" + username.substring(0, 9).toUpperCase(), 10)).ok();
        System.out.println("search by username: " + byUsername);
        assertThat(byUsername.myResults()).as("a contact found by username").containsExactly(new PeerUser(bob.id()));
        assertThat(byUsername.results()).isEmpty();
        assertThat(((User) byUsername.users().get(0)).username()).isEqualTo(username);
        ContactsFound byStranger = (ContactsFound) carolSearch(rpc, username.substring(0, 9)).ok();
        assertThat(byStranger.myResults()).isEmpty();
        assertThat(byStranger.results()).containsExactly(new PeerUser(bob.id()));
        assertThat(((User) byStranger.users().get(0)).contact()).isFalse();
        assertThat(((User) byStranger.users().get(0)).phone()).isNull();
        assertThat(((ContactsFound) aliceDevice.call(new ContactsSearch(false, false, username + "x", 10)).ok())
                .results()).isEmpty();
        aliceDevice.call(new ContactsSearch(false, false, "   ", 10)).isError(400, "SEARCH_QUERY_EMPTY");

        // deleteContacts checks access hashes
        aliceDevice.call(new ContactsDeleteContacts(List.of(new InputUser(bob.id(), bobForAlice.accessHash() ^ 1))))
                .isError(400, "CONTACT_ID_INVALID");
        aliceDevice.call(new ContactsDeleteContacts(List.of(new InputUser(bob.id(), bob.accessHash()))))
                .isError(400, "CONTACT_ID_INVALID");
        assertThat(((ContactsContacts) aliceDevice.call(new ContactsGetContacts(0)).ok()).contacts()).hasSize(1);
        Updates deleted = (Updates) aliceDevice.call(new ContactsDeleteContacts(
                List.of(new InputUser(bob.id(), bobForAlice.accessHash())))).ok();
        assertThat(deleted.updates()).isEmpty();
        assertThat(((User) deleted.users().get(0)).contact()).isFalse();
        assertThat(((User) deleted.users().get(0)).firstName()).isEqualTo("Bob");
        assertThat(((ContactsContacts) aliceDevice.call(new ContactsGetContacts(0)).ok()).contacts()).isEmpty();
        assertThat(aliceDevice.call(new ContactsGetContacts(hash)).ok()).isInstanceOf(ContactsContacts.class);
        ContactsContacts bobs = (ContactsContacts) bobDevice.call(new ContactsGetContacts(0)).ok();
        assertThat(bobs.contacts()).containsExactly(new Contact(alice.id(), false));
    }

    /** A search by a new user who has no contacts. */
    SessionRpcClient.Answer<?> carolSearch(SessionRpcClient rpc, String q) {
        Device device = rpc.newDevice("Stranger");
        signUp(device, dc2Phone(), "Stranger", "");
        return device.call(new ContactsSearch(false, false, q, 10));
    }

    @Test
    void anotherUserSeesOnlineThenOffline() {
        SessionRpcClient rpc = new SessionRpcClient(web, 2);
        Device carolDevice = rpc.newDevice("Carol's phone");
        Device daveDevice = rpc.newDevice("Dave's phone");
        User carol = signUp(carolDevice, dc2Phone(), "Carol", "");
        signUp(daveDevice, dc2Phone(), "Dave", "");
        long hash = ((User) ((ContactsResolvedPeer) daveDevice.call(new ContactsResolvePhone(carol.phone())).ok())
                .users().get(0)).accessHash();
        assertThat(statusOf(daveDevice, carol.id(), hash)).isEqualTo(new UserStatusRecently(false));

        long before = clock.instant().getEpochSecond();
        assertThat(carolDevice.call(new AccountUpdateStatus(false)).ok()).isTrue();
        TUserStatus online = statusOf(daveDevice, carol.id(), hash);
        System.out.println("carol online: " + online);
        assertThat(online).isInstanceOf(UserStatusOnline.class);
        assertThat((long) ((UserStatusOnline) online).expires()).isBetween(before + 299, before + 302);
        assertThat(statusOf(carolDevice, carol.id(), 0)).as("self stays online").isInstanceOf(UserStatusOnline.class);

        assertThat(carolDevice.call(new AccountUpdateStatus(true)).ok()).isTrue();
        TUserStatus offline = statusOf(daveDevice, carol.id(), hash);
        System.out.println("carol offline: " + offline);
        assertThat(offline).isInstanceOf(UserStatusOffline.class);
        assertThat((long) ((UserStatusOffline) offline).wasOnline()).isBetween(before, before + 2);

        // online that is never followed by offline expires after five minutes
        assertThat(carolDevice.call(new AccountUpdateStatus(false)).ok()).isTrue();
        try {
            clock.offset = Duration.ofSeconds(301);
            assertThat(statusOf(daveDevice, carol.id(), hash)).isInstanceOf(UserStatusOffline.class);
        } finally {
            clock.offset = Duration.ZERO;
        }
    }

    /** The status of a user as the device's user sees it (hash 0 and the own id: self). */
    static TUserStatus statusOf(Device device, long userId, long accessHash) {
        var input = device.userId == userId ? new io.heliograph.tl.api.InputUserSelf()
                : (io.heliograph.tl.api.TInputUser) new InputUser(userId, accessHash);
        List<?> users = (List<?>) device.call(new UsersGetUsers(List.of(input))).ok();
        return ((User) users.get(0)).status();
    }
}
